from django.db import migrations

from directory.territories.geography import place_key


def fill_search_names(apps, schema_editor):
    """Search keys again: an arrondissement is now its city and its number ("paris 15")."""
    Commune = apps.get_model("directory", "Commune")
    communes = list(Commune.objects.only("pk", "name", "search_name"))
    changed = []
    for commune in communes:
        key = place_key(commune.name)
        if key != commune.search_name:
            commune.search_name = key
            changed.append(commune)
    Commune.objects.bulk_update(changed, ["search_name"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_guide_feedback_partner_pages"),
    ]

    operations = [
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
