"""A guide page: "Was this page useful?", JSON-LD, breadcrumb, share link, and the
English fallback of guides not translated yet."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import Client

from directory.guides.listing import GUIDES_PER_PAGE, listed_guides
from directory.models import GuideFeedback, GuideIndexPage, GuidePage
from tests.factories import GuidePageFactory, GuideThemeFactory, PartnerFactory
from tests.home.test_translation import translate_everything

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


GUIDE_SLUG = "immatriculer-un-vehicule-d-essai"


def steps(*titles: str) -> str:
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "text": f"<p>{title} : <strong>détails</strong>.</p>",
                    "link": "",
                    "link_label": "",
                },
            }
            for title in titles
        ]
    )


@pytest.fixture
def guide(db) -> GuidePage:
    """A French guide about one partner, under one theme, with two steps and two
    documents; not translated."""
    partner = PartnerFactory(
        name="Agence d’essai des titres", slug="agence-essai-titres", national=True
    )
    theme = GuideThemeFactory(name="Véhicules d’essai", slug="vehicules-essai")
    page = GuidePageFactory(
        title="Immatriculer un véhicule d’essai",
        slug=GUIDE_SLUG,
        partners=[partner],
        themes=[theme],
        steps=steps("Réunir les pièces d’essai", "Faire la demande d’essai en ligne"),
        documents=json.dumps(
            [
                {"type": "document", "value": "Pièce d’identité"},
                {"type": "document", "value": "Justificatif de domicile"},
            ]
        ),
    )
    return GuidePage.objects.get(pk=page.pk)


# "Was this page useful?" ---------------------------------------------------------------


def test_an_answer_is_stored_and_the_visitor_thanked(guide, client):
    response = client.post(guide.url, {"useful": "no", "comment": "  Il manque le tarif.  "})
    assert response.status_code == 302
    assert response["Location"] == f"{guide.url}?avis=merci#avis"
    feedback = GuideFeedback.objects.get(guide=guide)
    assert (feedback.useful, feedback.comment, feedback.language) == (
        False,
        "Il manque le tarif.",
        "fr",
    )
    thanked = soup(client.get(response["Location"]))
    assert thanked.select_one("#avis .fr-alert--success")
    assert not thanked.select("#avis form")


def test_comments_are_never_shown_on_the_site(guide, client):
    GuideFeedback.objects.create(guide=guide, useful=False, comment="Commentaire privé")
    assert "Commentaire privé" not in client.get(guide.url).content.decode()


def test_an_answer_without_the_csrf_token_is_refused(guide):
    client = Client(enforce_csrf_checks=True)
    response = client.post(guide.url, {"useful": "yes"})
    assert response.status_code == 403
    assert not GuideFeedback.objects.exists()


def test_the_form_carries_a_csrf_token_and_the_page_is_never_cached_for_others(guide, client):
    first = soup(client.get(guide.url)).select_one("#avis form input[name=csrfmiddlewaretoken]")
    other = soup(Client().get(guide.url)).select_one("#avis form input[name=csrfmiddlewaretoken]")
    assert first and other and first["value"] != other["value"]


def test_a_comment_over_the_limit_is_refused_and_kept(guide, client):
    comment = "a" * 5000
    response = client.post(guide.url, {"useful": "yes", "comment": comment})
    assert response.status_code == 400
    assert not GuideFeedback.objects.exists()
    html = soup(response)
    assert html.select_one("#avis textarea").get_text() == comment
    assert html.select_one("#avis .fr-error-text")
    assert html.select_one("#avis input[value=yes]").has_attr("checked")


def test_a_comment_at_the_limit_is_stored_whole(guide, client):
    comment = "é" * GuideFeedback.COMMENT_MAX_LENGTH
    assert client.post(guide.url, {"useful": "yes", "comment": comment}).status_code == 302
    assert GuideFeedback.objects.get().comment == comment


def test_an_answer_needs_yes_or_no(guide, client):
    for data in ({"comment": "Bien"}, {"useful": "maybe"}):
        response = client.post(guide.url, data)
        assert response.status_code == 400
        assert soup(response).select_one("#avis-useful-error")
    assert not GuideFeedback.objects.exists()


def test_answers_over_the_rate_limit_are_refused(guide, client, settings):
    settings.GUIDE_FEEDBACK_PER_HOUR = 2
    for _ in range(2):
        assert client.post(guide.url, {"useful": "yes"}).status_code == 302
    response = client.post(guide.url, {"useful": "no", "comment": "Encore moi"})
    assert response.status_code == 429
    assert GuideFeedback.objects.count() == 2
    html = soup(response)
    assert html.select_one("#avis .fr-alert--error")
    assert html.select_one("#avis textarea").get_text() == "Encore moi"
    # another client is not affected
    other = Client(REMOTE_ADDR="127.0.0.2")
    assert other.post(guide.url, {"useful": "yes"}).status_code == 302


def lock_the_feedback_table(monkeypatch, message="database is locked") -> None:
    """Answers fail as while a long import holds SQLite past the busy timeout."""

    def save(*args, **kwargs):
        raise OperationalError(message)

    monkeypatch.setattr(GuideFeedback, "save", save)


def test_an_answer_while_the_database_is_locked_is_refused_with_503_and_kept(client, monkeypatch):
    # arrange
    guide = GuidePageFactory()
    lock_the_feedback_table(monkeypatch)
    # act
    response = client.post(guide.url, {"useful": "no", "comment": "Il manque le tarif."})
    # assert
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = soup(response)
    assert "mise à jour" in html.select_one("#avis .fr-alert--error").get_text()
    assert html.select_one("#avis textarea").get_text() == "Il manque le tarif."
    assert html.select_one("#avis input[value=no]").has_attr("checked")
    monkeypatch.undo()
    assert not GuideFeedback.objects.exists()


def test_another_database_error_is_not_taken_for_a_lock(client, monkeypatch):
    # arrange
    guide = GuidePageFactory()
    lock_the_feedback_table(monkeypatch, message="disk I/O error")
    # act / assert
    with pytest.raises(OperationalError):
        client.post(guide.url, {"useful": "yes"})


# JSON-LD, breadcrumb, share ------------------------------------------------------------


def test_the_json_ld_is_a_howto_about_a_government_service(guide, client, public_base_url):
    html = soup(client.get(guide.url))
    data = json.loads(html.select_one("script[type='application/ld+json']").string)
    graph = {node["@type"]: node for node in data["@graph"]}
    howto = graph["HowTo"]
    assert data["@context"] == "https://schema.org"
    assert howto["name"] == "Immatriculer un véhicule d’essai"
    assert howto["url"] == f"https://france-services.example/demarches/{GUIDE_SLUG}/"
    assert [step["position"] for step in howto["step"]] == [1, 2]
    assert howto["step"][0]["name"] == "Réunir les pièces d’essai"
    assert "<" not in howto["step"][0]["text"]
    assert len(howto["supply"]) == 2
    assert howto["about"]["@type"] == "GovernmentService"
    assert howto["about"]["provider"][0]["@type"] == "GovernmentOrganization"
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3, 4]
    assert crumbs[0]["item"] == "https://france-services.example/"
    assert crumbs[-1]["item"] == howto["url"]


def test_the_json_ld_cannot_be_broken_out_of(guide, client):
    guide.title = "</script><script>alert(1)</script>"
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "</script><script>alert(1)" not in html


def test_the_breadcrumb_goes_through_the_guide_theme(guide, client):
    links = soup(client.get(guide.url)).select(".fr-breadcrumb__list a")
    assert [a.get("href") for a in links] == [
        "/",
        "/demarches/",
        "/demarches/?theme=vehicules-essai",
        None,
    ]
    assert links[2].get_text(strip=True) == "Véhicules d’essai"
    assert links[-1]["aria-current"] == "page"


def test_the_share_block_offers_the_address_without_javascript(guide, client, public_base_url):
    html = soup(client.get(guide.url))
    field = html.select_one("#guide-link")
    assert field["value"] == f"https://france-services.example{guide.url}"
    assert html.select_one(f"label[for={field['id']}]")
    assert html.select_one("[data-share-buttons]").has_attr("hidden")


# Translations --------------------------------------------------------------------------


def test_an_untranslated_guide_is_shown_in_french_with_a_notice(guide, client, public_base_url):
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    response = client.get(f"{english_index.url}{guide.slug}/")
    assert response.status_code == 200
    html = soup(response)
    assert html.find("html")["lang"] == "en"
    assert (
        html.select_one(".fr-notice__title")
        .get_text(strip=True)
        .startswith("This guide has not been translated yet")
    )
    assert html.find("h1")["lang"] == "fr"
    assert (
        html.select_one("link[rel=canonical]")["href"]
        == f"https://france-services.example{guide.url}"
    )
    # the feedback form posts to the same address
    assert html.select_one("#avis form")["action"] == f"{english_index.url}{guide.slug}/#avis"


def test_the_english_listing_marks_guides_in_french(guide, client):
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    html = soup(client.get(english_index.url))
    link = html.find("a", href=f"{english_index.url}{guide.slug}/")
    assert link["hreflang"] == "fr"
    assert link.find("span")["lang"] == "fr"
    assert "(in French)" in link.get_text()


def test_an_unknown_guide_under_english_is_a_404(guide, client):
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    assert client.get(f"{english_index.url}no-such-guide/").status_code == 404
    assert client.get(f"{english_index.url}{GUIDE_SLUG}/extra/").status_code == 404


def test_a_guide_is_translated_end_to_end_with_wagtail_localize(
    guide, client, django_capture_on_commit_callbacks
):
    # arrange: a page's worth of untranslated guides whose titles come before "[EN] …" (an
    # "A" before a "[" bytewise and alphabetically): the translation is on the second page
    for number in range(GUIDES_PER_PAGE):
        GuidePageFactory(title=f"Allocation d’essai {number:02d}")
    # act
    english = translate_everything(guide, "en", "[EN] ", django_capture_on_commit_callbacks)
    # assert: the translation is served under the English index, without the notice
    response = client.get(english.url)
    html = soup(response)
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    assert response.status_code == 200
    assert english.url.startswith(english_index.url)
    assert html.find("h1").get_text(strip=True) == "[EN] Immatriculer un véhicule d’essai"
    assert not html.select(".fr-notice")
    assert "[EN] Réunir les pièces d’essai" in response.content.decode()
    listed = listed_guides(english_index)
    assert english in listed and guide not in listed
    # the listing is by title: the translation is on the page its title puts it on
    by_title = list(listed.order_by("title").values_list("pk", flat=True))
    page_number = by_title.index(english.pk) // GUIDES_PER_PAGE + 1
    assert page_number == 2
    listing = soup(client.get(english_index.url, {"page": page_number}))
    assert listing.find("a", href=english.url)
    assert not listing.find("a", href=f"{english_index.url}{guide.slug}/")


def test_a_preview_shows_the_draft_not_the_cached_live_text(guide, client):
    client.get(guide.url)  # the live text is now cached
    guide.summary = "Résumé du brouillon"
    response = guide.make_preview_request()
    assert "Résumé du brouillon" in response.rendered_content
    assert "Résumé du brouillon" not in client.get(guide.url).content.decode()


def test_a_preview_of_changed_related_guides_shows_them(guide):
    # arrange: as in the editor's preview, the relations live in memory, not in the database
    live = GuidePageFactory(title="Vendre un véhicule d’essai")
    unpublished = GuidePageFactory(title="Déclarer un véhicule d’essai détruit")
    unpublished.unpublish()
    guide.related_guides = [live, unpublished]
    # act
    html = BeautifulSoup(guide.make_preview_request().rendered_content, "html.parser")
    # assert
    titles = [a.get_text(strip=True) for a in html.select("#liees + ul a")]
    assert titles == ["Vendre un véhicule d’essai"]


def test_publishing_shows_the_new_text_at_once(guide, client, django_capture_on_commit_callbacks):
    client.get(guide.url)
    guide.summary = "Nouveau résumé"
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert "Nouveau résumé" in client.get(guide.url).content.decode()


def test_a_guide_links_to_the_pages_of_its_partners(guide, client):
    html = soup(client.get(guide.url))
    link = html.find("a", href="/partenaires/agence-essai-titres/")
    assert link.get_text() == "Agence d’essai des titres"
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    english = soup(client.get(f"{english_index.url}{guide.slug}/"))
    assert english.find("a", href="/en/partners/agence-essai-titres/")
    assert client.get("/partenaires/agence-essai-titres/").status_code == 200


def test_translating_a_partner_and_a_theme_keeps_their_slugs_and_names_them_in_english(
    guide, client, django_capture_on_commit_callbacks
):
    # arrange
    partner = guide.partners.get()
    theme = guide.themes.first()
    # act
    english_partner = translate_everything(
        partner, "en", "EN ", django_capture_on_commit_callbacks
    )
    english_theme = translate_everything(theme, "en", "EN ", django_capture_on_commit_callbacks)
    # assert: the slugs stay, so the addresses and filters keep working
    assert english_partner.slug == "agence-essai-titres"
    assert english_theme.slug == "vehicules-essai"
    assert (english_partner.name, english_theme.name) == (
        "EN Agence d’essai des titres",
        "EN Véhicules d’essai",
    )
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    html = soup(client.get(f"{english_index.url}{guide.slug}/"))
    link = html.find("a", href=f"/en/partners/{partner.slug}/")
    assert link.get_text() == english_partner.name and not link.has_attr("lang")
    assert english_theme.name in [tag.get_text() for tag in html.select(".fr-tag")]
    partner_page = soup(client.get(f"/en/partners/{partner.slug}/"))
    assert partner_page.find("h1").get_text(strip=True).startswith("EN ")
    assert [a.get_text(strip=True) for a in partner_page.select("#demarches + ul a")] == [
        "Immatriculer un véhicule d’essai"
    ]


def test_renaming_a_theme_shows_at_once(guide, client):
    theme = guide.themes.first()
    client.get("/demarches/")
    client.get(guide.url)
    theme.name = "Thème renommé"
    theme.save()
    assert "Thème renommé" in client.get("/demarches/").content.decode()
    assert "Thème renommé" in client.get(guide.url).content.decode()


def test_the_language_switch_of_an_untranslated_guide_leads_to_its_fallback(guide, client):
    english_index = GuideIndexPage.objects.get(locale__language_code="en")
    fallback_url = f"{english_index.url}{guide.slug}/"
    french = soup(client.get(guide.url))
    assert french.find("a", href=fallback_url, hreflang="en")
    # not an alternate version: its text is French
    assert not french.select("link[rel=alternate][hreflang=en]")
    english = soup(client.get(fallback_url))
    assert english.find("a", href=guide.url, hreflang="fr")
