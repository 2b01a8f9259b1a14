import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from portal.blocks import CalloutBlock, ImageBlock, LinkBlock


def test_an_image_needs_an_alt_text_unless_decorative():
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "decorative": False, "alt_text": ""}))


@pytest.mark.django_db
def test_an_image_block_accepts_alt_text_or_decorative_flag():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    block = ImageBlock()
    with_alt = block.clean(block.to_python({"image": image.pk, "alt_text": "Un bus"}))
    decorative = block.clean(block.to_python({"image": image.pk, "decorative": True}))
    assert with_alt["alt_text"] == "Un bus"
    assert decorative["decorative"] is True
    html = block.render(decorative)
    assert 'alt=""' in html


@pytest.mark.django_db
def test_a_link_is_either_a_page_or_an_address():
    block = LinkBlock()
    root = Page.get_first_root_node()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "x", "page": root.pk, "url": "https://a.example"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "", "page": None, "url": "https://a.example"}))
    assert block.clean(
        block.to_python({"label": "Site", "page": None, "url": "https://a.example"})
    )


def test_callout_renders_dsfr_markup_and_escapes_its_title():
    block = CalloutBlock()
    value = block.to_python(
        {"title": "<script>x</script>", "heading_level": "h2", "text": "<p>Bonjour</p>"}
    )
    html = block.render(value)
    assert 'class="fr-callout' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<h2 class="fr-callout__title">' in html
