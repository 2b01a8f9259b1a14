"""The PDF certificate: A4 landscape, the partner, title, holder and dates, the QR code of
the public verification address and that address in text. The PDF itself is read back:
its text by pdfium, its page rendered by pdfium and the QR code on it decoded by zxing-cpp
(both wheels carry their native library)."""

import pypdfium2
import pytest
import zxingcpp

from training.certifications import pdf

from .conftest import make_credential, make_definition

pytestmark = pytest.mark.django_db

URL = "https://france-services.example/certifications/5f0c4b9e-3d1a-4c55-9d0e-6a1b2c3d4e5f/"


def test_the_qr_code_on_the_pdf_decodes_to_the_verification_url(members):
    # arrange
    credential = make_credential(members.agent.user, make_definition())
    # act
    document = pypdfium2.PdfDocument(pdf.certificate_pdf(credential, verify_url=URL))
    # assert
    (page,) = document
    width, height = page.get_size()
    assert round(width) > round(height)  # landscape
    image = page.render(scale=3).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [URL]
    text = page.get_textpage().get_text_range()
    assert URL in text.replace("\r", "").replace("\n", "")


def test_the_certificate_names_the_partner_title_and_holder(members):
    # arrange
    definition = make_definition(title="Habilitation ANTS titres d’essai")
    credential = make_credential(members.agent.user, definition, holder_name="Agent T.")
    # act
    html = pdf.certificate_html(credential, verify_url=URL)
    # assert
    assert "size: A4 landscape" in html
    assert definition.partner.name in html
    assert "Habilitation ANTS titres d’essai" in html
    assert "Agent T." in html
    assert "Testeur" not in html  # only the name the holder chose


def test_the_pdf_renders(members, member_client):
    # arrange
    credential = make_credential(members.agent.user, make_definition())
    # act
    response = member_client(members.agent).get(
        f"/espace-agents/formation/certifications/{credential.pk}/certificat.pdf"
    )
    # assert
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
