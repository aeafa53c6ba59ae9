"""Factories for the alerts app."""

import factory
from django.utils import timezone

from .models import Subscription


class SubscriptionFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"subscriber{n}@example.org")
    briefings = True
    decisions = False
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscription
        skip_postgeneration_save = True

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if create and extracted:
            self.places.set(extracted)
