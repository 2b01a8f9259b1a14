from django.core.exceptions import PermissionDenied


class ForumRefused(PermissionDenied):
    """The member may read the topic but not do this; the message says why."""
