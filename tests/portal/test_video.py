"""The video block, from the admin's document upload to a page that plays it from the
site's own storage, with its captions track."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.blocks import VideoBlock
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# The start of an MP4 file (its "ftyp" box), then some of its data.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 4
WEBVTT = "WEBVTT\n\n00:00.000 --> 00:04.000\nBonjour, bienvenue à la France Services.\n"


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    return client


def upload(client, title: str, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "language": "fr",
        },
    )


def test_an_uploaded_video_plays_on_a_page_with_its_captions(admin_client):
    # arrange: a video and its captions uploaded through the admin's document form
    for title, name, content in (
        ("Visite", "visite.mp4", MP4),
        ("Visite (sous-titres)", "visite.vtt", WEBVTT.encode()),
    ):
        assert upload(admin_client, title, name, content).status_code == 302
    documents = get_document_model().objects
    video, captions = documents.get(title="Visite"), documents.get(title__endswith="titres)")
    page = StandardPageFactory(
        title="Visite de la maison",
        body=json.dumps(
            [
                {
                    "type": "video",
                    "value": {
                        "title": "Visite de la maison",
                        "video": video.pk,
                        "captions": captions.pk,
                        "transcript": "<p>Bonjour, bienvenue à la France Services.</p>",
                    },
                }
            ]
        ),
    )
    admin_client.logout()
    # act
    html = BeautifulSoup(admin_client.get(page.url).content, "html.parser")
    player = html.find("video")
    source, track = player.find("source"), player.find("track")
    served_video = admin_client.get(source["src"])
    served_captions = admin_client.get(track["src"])
    # assert: our own files, of the right types, captions on by default
    assert (source["src"], source["type"]) == (video.url, "video/mp4")
    assert (track["kind"], track["srclang"], track.has_attr("default")) == ("captions", "fr", True)
    assert served_video.status_code == served_captions.status_code == 200
    assert served_video["Content-Type"] == "video/mp4"
    assert served_captions["Content-Type"].startswith("text/vtt")
    assert b"".join(served_video.streaming_content) == MP4
    assert "Bonjour" in html.find(class_="fr-transcription").get_text()


def test_the_video_is_served_in_parts_as_players_ask(admin_client):
    # arrange
    upload(admin_client, "Visite", "visite.mp4", MP4)
    url = get_document_model().objects.get(title="Visite").url
    size = len(MP4)
    # act
    # Each streamed body is read before the next request, as a player does.
    start = admin_client.get(url, HTTP_RANGE="bytes=0-99")
    start_body = b"".join(start.streaming_content)
    tail = admin_client.get(url, HTTP_RANGE="bytes=-24")
    tail_body = b"".join(tail.streaming_content)
    past_the_end = admin_client.get(url, HTTP_RANGE=f"bytes={size}-")
    stale = admin_client.get(url, HTTP_RANGE="bytes=0-99", HTTP_IF_RANGE='"another version"')
    # assert
    assert (start.status_code, start["Content-Range"], start["Content-Length"]) == (
        206,
        f"bytes 0-99/{size}",
        "100",
    )
    assert start_body == MP4[:100]
    assert tail_body == MP4[-24:]
    assert tail["Content-Range"] == f"bytes {size - 24}-{size - 1}/{size}"
    assert (past_the_end.status_code, past_the_end["Content-Range"]) == (416, f"bytes */{size}")
    assert (stale.status_code, stale["Accept-Ranges"]) == (200, "bytes")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("visite.mp4", b"<html>not a video</html>", "not_video"),
        ("visite.vtt", b"1\n00:00:00,000 --> 00:00:04,000\nSRT\n", "not_webvtt"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(admin_client, name, content, code):
    # act
    response = upload(admin_client, "Visite", name, content)
    # assert
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["file"]] == [code]
    assert not get_document_model().objects.exists()


def test_the_block_takes_a_video_and_a_webvtt_file_only(admin_client):
    # arrange: a PDF offered as the video, and as its captions
    upload(admin_client, "Notice", "notice.pdf", b"%PDF-1.4\n")
    upload(admin_client, "Visite", "visite.mp4", MP4)
    documents = get_document_model().objects
    pdf, video = documents.get(title="Notice"), documents.get(title="Visite")
    block = VideoBlock()
    value = {"title": "Visite", "transcript": "<p>Texte</p>"}
    # act
    with pytest.raises(ValidationError) as wrong_video:
        block.clean(block.to_python({**value, "video": pdf.pk}))
    with pytest.raises(ValidationError) as wrong_captions:
        block.clean(block.to_python({**value, "video": video.pk, "captions": pdf.pk}))
    # assert
    assert set(wrong_video.value.block_errors) == {"video"}
    assert set(wrong_captions.value.block_errors) == {"captions"}
