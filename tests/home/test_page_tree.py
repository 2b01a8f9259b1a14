from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import (
    AccessibilityStatementPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    StandardPage,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_singletons_live_directly_under_home_and_have_no_children(self):
        for page_type in (AccessibilityStatementPage, SitemapPage):
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedParentPageTypes(page_type, {HomePage})
                self.assertAllowedSubpageTypes(page_type, set())
                self.assertEqual(page_type.max_count_per_parent, 1)

    def test_news_items_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(StandardPage, NewsPage)
