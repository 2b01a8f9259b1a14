"""How long a rendered maison page stays true.

It stops at the next change of the maison's open/closed status, at local midnight (the
"today" row and the coming dates move on) and after five minutes at most (a bus's next
stop). ``portal.middleware.PublicPageCacheMiddleware`` does the caching.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

MAX_SECONDS = 300


def seconds_valid(page, now: datetime) -> int:
    status = page.status_at(now)
    local = now.astimezone(ZoneInfo(page.timezone))
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    limits = [MAX_SECONDS, (midnight - local).total_seconds()]
    change = status.closes_at or status.next_opening
    if change is not None:
        limits.append((change - now).total_seconds())
    return max(1, int(min(limits)))
