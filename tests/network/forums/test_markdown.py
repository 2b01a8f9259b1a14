"""Posts' Markdown as safe HTML."""

import pytest
from bs4 import BeautifulSoup

from network.forums.markdown import post_html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">clic</a>',
        "![x](https://evil.example/pixel.png)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_nothing_runs_and_no_outside_image_loads(text):
    # act
    html = BeautifulSoup(post_html(text), "html.parser")
    # assert
    elements = html.find_all(True)
    assert {element.name for element in elements} <= {"p", "a", "img"}
    assert not html.find_all(["script", "iframe", "object", "style"])
    assert not [e for e in elements for name in e.attrs if name.startswith("on")]
    assert all(a.get("href", "").startswith(("http://", "https://", "mailto:")) for a in html("a"))
    assert not [img for img in html("img") if img.get("src")]


def test_the_safe_subset_stays_and_links_are_marked():
    # act
    html = post_html(
        "> @Camille Agent a écrit :\n> Bonjour\n\n*un* **deux** `trois`\n\n- a\n- b\n\n"
        "[Service public](https://www.service-public.fr) et [écrire](mailto:a@b.fr)"
    )
    # assert
    assert "<blockquote>" in html
    assert "<em>un</em>" in html and "<strong>deux</strong>" in html
    assert "<code>trois</code>" in html and "<li>a</li>" in html
    assert 'href="https://www.service-public.fr"' in html
    assert 'rel="nofollow noopener"' in html
    assert 'href="mailto:a@b.fr"' in html


def test_images_from_our_attachments_stay():
    html = post_html("![capture](/espace-agents/forums/pieces-jointes/3/capture.png)")
    assert '<img src="/espace-agents/forums/pieces-jointes/3/capture.png" alt="capture">' in html
