"""The admin's help menu without its links to wagtail.org: the admin names no other site."""

from urllib.parse import urlsplit

from wagtail import hooks


@hooks.register("construct_help_menu")
def local_help_only(request, menu_items) -> None:
    menu_items[:] = [item for item in menu_items if not urlsplit(item.url or "").netloc]
