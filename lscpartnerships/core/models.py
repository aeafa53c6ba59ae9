"""Models every section shares: the abstract BasePage, HomePage, ContentPage,
site-wide settings and the record the initial-content loader keeps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import classproperty
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_upload_to,
)
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import ContentStreamBlock, PageLinkBlock
from .rendition_cache import RenditionCache
from .storage import private_storage

BEING_REVIEWED_DEFAULT = "This information is being reviewed and will be updated."


class SiteImage(AbstractImage):
    """The site's image model: alternative text is required unless the editor
    ticks "decorative", so an image can never reach a page without alt text."""

    description = models.CharField(
        "alternative text",
        max_length=255,
        blank=True,
        default="",
        help_text=(
            "Describe what the image shows for someone who cannot see it, e.g. "
            "“Portrait of Karen Smith”. Required unless the image is decorative."
        ),
    )
    # Not named `decorative`: Wagtail's AbstractImage.__init__ sets an attribute
    # of that name (used by ImageBlock), which would hide a field's value.
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only if the image adds no information (screen readers will skip it).",
    )

    # The uploaded original is kept in the private store (core/storage.py):
    # pages only ever link to renditions, which are public.
    file = WagtailImageField(
        verbose_name="file",
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=private_storage,
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative")

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": "Add alternative text describing the image, or tick "
                    "“decorative” if it adds no information."
                }
            )

    @property
    def default_alt_text(self):
        return "" if self.is_decorative else (self.description or "").strip()

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    @classproperty
    def cache_backend(cls):
        """Wagtail's rendition cache without its write-back of every cache hit
        (rendition_cache.py)."""
        return RenditionCache.for_wagtail()

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class BasePage(Page):
    """What every public page has: a summary (the lead paragraph and the
    fallback meta description), NHS.UK review dates, an optional "being
    reviewed" notice and an image for social sharing.

    Concrete pages extend the panels and search fields with
    `[*BasePage.content_panels, ...]` rather than redefining them.
    """

    short_title = models.CharField(
        max_length=40,
        blank=True,
        help_text=(
            "Optional shorter title for the main navigation and breadcrumbs, e.g. “FAQs”. "
            "Leave blank to use the page title."
        ),
    )
    summary = models.TextField(
        max_length=400,
        help_text=(
            "One or two plain sentences saying what this page is about. Shown under the "
            "title, in listings and in search results (up to 400 characters)."
        ),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the content was last checked as correct. Shown at the foot of the page.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the content must next be checked. Shown at the foot of the page.",
    )
    being_reviewed = models.BooleanField(
        default=False,
        verbose_name="Show “being reviewed” notice",
        help_text="Tick to tell readers prominently that this information is being reviewed.",
    )
    being_reviewed_message = models.CharField(
        max_length=300,
        blank=True,
        help_text=f"Optional wording for the notice. Leave blank for “{BEING_REVIEWED_DEFAULT}”",
    )
    social_image = models.ForeignKey(
        "core.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Image shown when the page is shared on social media (optional).",
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("short_title"), FieldPanel("social_image")]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
                FieldPanel("being_reviewed"),
                FieldPanel("being_reviewed_message"),
            ],
            heading="Content review",
        ),
    ]
    # Titles (boost 2 in Page.search_fields) outrank summaries, which outrank
    # bodies (no boost).
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=1.5)]
    api_fields = [
        APIField("summary"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("being_reviewed"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due < self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": "The next review must be due after the last review."}
            )

    @property
    def nav_title(self):
        return self.short_title or self.title

    @property
    def meta_description(self):
        """The search description if an editor wrote one, else the summary."""
        return (self.search_description or self.summary or "").strip()

    @property
    def being_reviewed_text(self):
        return self.being_reviewed_message.strip() or BEING_REVIEWED_DEFAULT

    @property
    def show_back_to_top(self):
        """Long pages get a "Back to top" link at their foot."""
        body = getattr(self, "body", None)
        return body is not None and len(body) >= 5

    #: Index pages set this so the home page lists their newest items.
    show_latest_on_home = False

    def latest_children(self, limit=3):
        """Newest live public children, for the home page's "latest" lists.

        Index pages whose children have their own date override this.
        """
        return (
            self.get_children().live().public().specific().order_by("-first_published_at")[:limit]
        )


class HomePage(BasePage):
    """The site's front page: the seed narrative's introduction, links to each
    section, and the latest items of each section as those sections exist."""

    page_description = "The front page of the site. There is only one."

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Opening paragraphs under the title.",
    )
    about_links = StreamField(
        [("link", PageLinkBlock())],
        blank=True,
        help_text="Pages explaining place-based partnerships, shown as cards under the introduction.",
    )
    body = StreamField(
        ContentStreamBlock(),
        blank=True,
        help_text="Further content shown after the section links.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("about_links"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from lscpartnerships.pagecache.shell import menu_sections

        sections = []
        # The header menu's sections, cached with the page shell (issue 14);
        # only the sections that show their latest items ask for them.
        for section in menu_sections(self):
            latest = list(section.latest_children()) if section.show_latest_on_home else []
            sections.append({"page": section, "latest": latest})
        context["sections"] = sections
        return context


class ContentPage(BasePage):
    """A narrative page, e.g. “What do we mean by a place-based partnership?”.

    Offers the full shared stream block: narrative pages need headings, quotes
    (the seeds quote NHSEI's “Integrating care”), aims lists and inset text.
    """

    page_description = "A page of narrative content: text, headings, quotes, lists and images."

    body = StreamField(
        ContentStreamBlock(),
        help_text="The content of the page. Start headings at heading 2.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.ContentPage"]
    # A narrative section may hold its own FAQ page.
    subpage_types = ["core.ContentPage", "decisions.FAQPage"]


def validate_security_contact(value):
    """An email address or an https:// address: what RFC 9116 allows as a contact."""
    from django.core.validators import EmailValidator, URLValidator

    if value.startswith("https://"):
        URLValidator(schemes=["https"])(value)
    else:
        EmailValidator(message="Enter an email address or an https:// web address.")(value)


def security_txt_default_expiry():
    """A year from today: RFC 9116 advises against an Expires more than a year ahead."""
    import datetime

    return datetime.date.today() + datetime.timedelta(days=365)


#: The organisation's name until an editor sets it in Site settings, and where
#: no site or database is at hand (the 503 page). Every page reads the name
#: from SiteSettings (core_tags.organisation_name); this is the only other copy.
DEFAULT_ORGANISATION_NAME = "NHS Lancashire and South Cumbria"


@register_setting(icon="cog")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Organisation details and footer links that editors manage in the admin."""

    organisation_name = models.CharField(
        max_length=200,
        default=DEFAULT_ORGANISATION_NAME,
        help_text="Shown in the header and footer.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Where the public and stakeholders can write to."
    )
    contact_phone = models.CharField(
        max_length=40, blank=True, help_text="Telephone number for enquiries (optional)."
    )
    # -- i12security: /.well-known/security.txt (RFC 9116) ---------------------
    security_contact = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_security_contact],
        help_text=(
            "Where to report a security problem with this website: an email address or a "
            "https:// web address. Published in /.well-known/security.txt."
        ),
    )
    security_txt_expires = models.DateField(
        null=True,
        blank=True,
        default=security_txt_default_expiry,
        verbose_name="security.txt expires",
        help_text=(
            "When the security contact must next be checked (at most a year ahead). After "
            "this date /.well-known/security.txt is no longer published."
        ),
    )
    # i15: where accessible-format requests go (format_requests app).
    comms_email = models.EmailField(
        "comms team email",
        blank=True,
        help_text=(
            "Where accessible-format requests are emailed (the comms team). Not shown on the "
            "site. Leave blank to use the contact email."
        ),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("comms_email"),
        InlinePanel("footer_links", heading="Footer links", label="Footer link"),
        MultiFieldPanel(
            [FieldPanel("security_contact"), FieldPanel("security_txt_expires")],
            heading="Security contact (security.txt)",
        ),
    ]

    class Meta:
        verbose_name = "Site settings"


class FooterLink(Orderable):
    """A link in the site footer (Accessibility statement, Contact us, ...)."""

    setting = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(max_length=100, help_text="Link text, e.g. “Privacy”.")
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page on this site.",
    )
    url = models.URLField(
        blank=True, help_text="Or an address elsewhere, used if no page is chosen."
    )

    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    def clean(self):
        super().clean()
        if not self.page and not self.url:
            raise ValidationError("Choose a page or enter an address for the footer link.")

    @property
    def href(self):
        return self.page.url if self.page_id and self.page else self.url


class SeedRecord(models.Model):
    """One row per item `load_initial_content` has created.

    The loader never creates an item twice and never overwrites one: once a
    key is recorded, an editor's changes (even deleting the item) stand.
    """

    key = models.CharField(max_length=200, unique=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
