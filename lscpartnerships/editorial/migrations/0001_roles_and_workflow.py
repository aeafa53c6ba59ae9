"""Create the editorial groups, their permissions and the "Comms sign-off"
workflow on the page tree root (see lscpartnerships/editorial/roles.py).

Wagtail's default "Editors" and "Moderators" groups are removed when nobody is
in them: the three comms roles replace them, and a "Moderators" group holding
publish permission would be a way round the sign-off."""

from django.db import migrations

from lscpartnerships.editorial.roles import ensure_roles_and_workflow


def forwards(apps, schema_editor):
    ensure_roles_and_workflow(apps)
    Group = apps.get_model("auth", "Group")
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
