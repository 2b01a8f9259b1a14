"""The PDF certificate: A4 landscape, the partner, title, holder and dates, the QR code of
the public verification address and that address in text.

No QR decoder runs here (``pyzbar`` needs libzbar, absent): the PNG embedded is read back
pixel by pixel with Pillow into its module matrix, which must be the matrix segno makes for
the verification URL."""

import base64
import io
import re

import pytest
import segno
from PIL import Image

from training.certifications import pdf

from .conftest import make_credential, make_definition

pytestmark = pytest.mark.django_db

URL = "https://france-services.example/certifications/5f0c4b9e-3d1a-4c55-9d0e-6a1b2c3d4e5f/"


def modules_of(png: bytes, *, scale: int, border: int = 4) -> list[list[bool]]:
    """The dark modules of a QR code PNG, sampled at each module's centre."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def test_the_qr_code_embedded_reads_as_the_verification_url(members):
    # arrange
    credential = make_credential(members.agent.user, make_definition())
    # act
    html = pdf.certificate_html(credential, verify_url=URL)
    # assert
    embedded = re.search(r'class="qr" src="data:image/png;base64,([^"]+)"', html).group(1)
    expected = [[bool(cell) for cell in row] for row in segno.make(URL, error="m").matrix]
    assert modules_of(base64.b64decode(embedded), scale=pdf.QR_SCALE) == expected
    assert URL in html


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
