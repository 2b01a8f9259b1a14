"""schema.org JSON-LD of a maison page."""

from portal.json_ld import script_text


def maison_json_ld(page, *, url: str) -> str:
    """A GovernmentOffice at ``url`` with address, point, contact and opening hours, as
    JSON text.

    ``<`` ``>`` ``&`` are escaped as JSON unicode escapes so the text is safe inside
    a ``<script>`` element.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": page.title,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(filter(None, [page.address, page.address_complement])),
            "postalCode": page.postcode,
            "addressLocality": page.commune_name,
            "addressCountry": "FR",
        },
        "openingHoursSpecification": page.schedule().schema_org(),
    }
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    if page.phone:
        data["telephone"] = page.phone
    if page.email:
        data["email"] = page.email
    return script_text(data)
