"""What a document answers to a range it cannot serve as one part: the whole file (RFC
9110), and a missing document is a 404, not an error."""

import pytest
from wagtail.documents import get_document_model

from tests.portal.test_video import MP4, admin_client, upload  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "asked",
    ["bytes=-", "bytes=99-0", "bytes=0-9, 20-29", "octets=0-9"],
    ids=["no-bound", "reversed", "several", "other-unit"],
)
@pytest.mark.usefixtures("admin_client")
def test_a_range_that_is_not_one_part_gets_the_whole_file(client, asked):
    # arrange
    upload(client, "Visite", "visite.mp4", MP4)
    url = get_document_model().objects.get(title="Visite").url
    # act
    response = client.get(url, HTTP_RANGE=asked)
    # assert
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MP4
    assert response["Accept-Ranges"] == "bytes"
    assert "Content-Range" not in response


@pytest.mark.usefixtures("admin_client")
def test_a_range_past_a_short_file_stops_at_its_end(client):
    # arrange
    upload(client, "Visite", "visite.mp4", MP4)
    url = get_document_model().objects.get(title="Visite").url
    size = len(MP4)
    # act
    response = client.get(url, HTTP_RANGE=f"bytes={size - 10}-{size + 500}")
    # assert
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == MP4[-10:]
    assert response["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"


def test_a_missing_document_is_a_404(client):
    # act
    response = client.get("/documents/999999/visite.mp4", HTTP_RANGE="bytes=0-9")
    # assert
    assert response.status_code == 404
