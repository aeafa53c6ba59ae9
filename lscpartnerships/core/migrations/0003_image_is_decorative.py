# Rename SiteImage.decorative: Wagtail's AbstractImage.__init__ sets an instance
# attribute called `decorative`, which hid the stored value.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_basepage_short_title"),
    ]

    operations = [
        migrations.RenameField(model_name="siteimage", old_name="decorative", new_name="is_decorative"),
        migrations.AlterField(
            model_name="siteimage",
            name="is_decorative",
            field=models.BooleanField(
                default=False,
                help_text="Tick only if the image adds no information (screen readers will skip it).",
                verbose_name="decorative",
            ),
        ),
    ]
