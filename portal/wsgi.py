import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# The modules loaded so far live as long as the process: leaving them out of the garbage
# collector's full passes shortens the pauses those passes add to requests.
gc.freeze()
