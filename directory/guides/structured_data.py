"""schema.org JSON-LD of a guide page."""

from django.utils.html import strip_tags

from portal.json_ld import script_text
from portal.public_urls import public_url


def guide_json_ld(page, *, page_url: str, trail: list[tuple[str, str]], language: str) -> str:
    """A HowTo (steps, documents to bring, cost) about a GovernmentService provided by
    the guide's partners, and the BreadcrumbList, as JSON text."""
    url = public_url(page_url)
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
            {"@type": "ListItem", "position": position, "name": label, "item": public_url(link)}
            for position, (label, link) in enumerate([*trail, (page.title, page_url)], 1)
        ],
    }
    return script_text({"@context": "https://schema.org", "@graph": [howto, breadcrumb]})
