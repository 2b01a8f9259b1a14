"""The forums' search as Elasticsearch would be asked, without a cluster: the spaces the
member reads and the deletions filtered in the query itself, and a post's entry carrying
its topic's space and deletion."""

import pytest
from django.test import override_settings

from network.forums import search as forum_search
from network.forums.models import Post
from search.backends import FrenchElasticsearch9Backend
from tests.network.forums.conftest import topic_in

pytestmark = pytest.mark.django_db

BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
    "database": {"BACKEND": "wagtail.search.backends.database"},
}


@pytest.fixture
def elasticsearch(monkeypatch):
    # Building a backend asks nothing of the cluster: this address is never contacted.
    with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS):
        backend = FrenchElasticsearch9Backend({"URLS": ["http://127.0.0.1:9"]})
    monkeypatch.setattr(forum_search, "get_search_backend", lambda: backend)
    return backend


def test_the_query_filters_the_spaces_read_and_the_deletions(members, spaces, elasticsearch):
    # arrange
    readable = forum_search.readable_spaces(members.agent)
    ids = [space.pk for space in readable]
    # act
    searches = forum_search.backend_searches("quenouille", readable)
    topics, posts = (
        results.query_compiler.get_query()["bool"]["filter"][1]["bool"]["must"]
        for results in searches
    )
    # assert
    assert spaces.auvergne.pk not in ids and spaces.private.pk in ids
    assert topics == [
        {"bool": {"must_not": {"exists": {"field": "deleted_at_filter"}}}},
        {"terms": {"space_id_filter": ids}},
    ]
    assert posts == [
        {"bool": {"must_not": {"exists": {"field": "deleted_at_filter"}}}},
        {
            "nested": {
                "path": "topic",
                "query": {"bool": {"must_not": {"exists": {"field": "topic.deleted_at_filter"}}}},
            }
        },
        {"nested": {"path": "topic", "query": {"terms": {"topic.space_id_filter": ids}}}},
    ]


def test_a_posts_entry_holds_its_topics_space_and_deletion(members, spaces, elasticsearch):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent, body="Une quenouille.")
    post = Post.objects.select_related("topic").get(topic=topic)
    # act
    document = elasticsearch.mapping_class(Post).get_document(post)
    # assert
    assert document["topic"]["space_id_filter"] == spaces.occitanie.pk
    assert document["topic"]["deleted_at_filter"] is None
