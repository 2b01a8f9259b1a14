"""schema.org JSON-LD for maison and guide pages."""

import json

from django.utils.html import strip_tags


def maison_json_ld(page, request) -> str:
    """A GovernmentOffice with address, point, contact and opening hours, as JSON text.

    ``<`` ``>`` ``&`` are escaped as JSON unicode escapes so the text is safe inside
    a ``<script>`` element.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": page.title,
        "url": page.get_full_url(request),
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
    return _script_text(data)


def _script_text(data: dict) -> str:
    """JSON with ``<`` ``>`` ``&`` as unicode escapes: safe inside a ``<script>``."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def guide_json_ld(
    page, request, *, page_url: str, trail: list[tuple[str, str]], language: str
) -> str:
    """A HowTo (steps, documents to bring, cost) about a GovernmentService provided by
    the guide's partners, and the BreadcrumbList, as JSON text."""
    absolute = request.build_absolute_uri
    url = absolute(page_url)
    howto = {
        "@type": "HowTo",
        "@id": f"{url}#demarche",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": language,
        "step": [
            {
                "@type": "HowToStep",
                "position": position,
                "name": step.value["title"],
                "text": strip_tags(step.value["text"].source).strip(),
                **({"url": step.value["link"]} if step.value["link"] else {}),
            }
            for position, step in enumerate(page.steps, 1)
        ],
        "about": {
            "@type": "GovernmentService",
            "name": page.title,
            "areaServed": {"@type": "Country", "name": "France"},
            "provider": [
                {
                    "@type": "GovernmentOrganization",
                    "name": partner.name,
                    **({"url": partner.website} if partner.website else {}),
                }
                for partner in page.partners.all()
            ],
        },
    }
    if page.documents:
        howto["supply"] = [
            {"@type": "HowToSupply", "name": document.value} for document in page.documents
        ]
    if page.cost:
        howto["estimatedCost"] = page.cost
    if page.last_reviewed:
        howto["dateModified"] = page.last_reviewed.isoformat()
    breadcrumb = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": label, "item": absolute(link)}
            for position, (label, link) in enumerate([*trail, (page.title, page_url)], 1)
        ],
    }
    return _script_text({"@context": "https://schema.org", "@graph": [howto, breadcrumb]})
