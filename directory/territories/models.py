from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.territories.geography import place_key


class Region(models.Model):
    code = models.CharField(_("INSEE code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="departments"
    )
    timezone = models.CharField(_("time zone"), max_length=40, default="Europe/Paris")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "COM", _("commune")
        DELEGATED = "COMD", _("delegated commune")
        ARRONDISSEMENT = "ARM", _("municipal arrondissement")

    insee = models.CharField(_("INSEE code"), max_length=5, db_index=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.COMMUNE)
    name = models.CharField(_("name"), max_length=150)
    name_with_article = models.CharField(_("official name"), max_length=160)
    search_name = models.CharField(
        _("search key"),
        max_length=160,
        default="",
        db_index=True,
        editable=False,
        help_text=_("The name without accents, case, hyphens or article (geography.place_key)."),
    )
    reversed_search_name = models.CharField(
        _("reversed search key"),
        max_length=160,
        default="",
        db_index=True,
        editable=False,
        help_text=_("The search key read backwards: names by their end, for typos."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
    )
    parent_insee = models.CharField(_("parent commune"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["insee", "kind"], name="unique_commune_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.name_with_article} ({self.insee})"

    def save(self, *args, **kwargs):
        self.search_name = place_key(self.name)
        self.reversed_search_name = self.search_name[::-1]
        super().save(*args, **kwargs)


class CommunePostcode(models.Model):
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postcodes")
    postcode = models.CharField(_("postcode"), max_length=5, db_index=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        constraints = [
            models.UniqueConstraint(fields=["commune", "postcode"], name="unique_commune_postcode")
        ]

    def __str__(self) -> str:
        return self.postcode
