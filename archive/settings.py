"""Settings, all driven by the environment (see README "Configuration"). Production
and development (``DEBUG=1``) use this module; the tests use ``archive.settings_test``,
benchmarks ``archive.settings_bench``. Importing it changes nothing on disk."""

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from archive.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is empty. Set ALLOWED_HOSTS to the comma-separated host names "
        "this site is served under."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

# -- The site's own address ----------------------------------------------------------
# Absolute links (canonical, feeds, sitemap, API, downloads) are built from SITE_URL,
# never from the Host a request names (letters/site.py): set it in production, e.g.
# https://kamerbrieven.example. Unset, links follow each request's scheme and host and
# the page cache keeps them apart.
SITE_URL = env_str("SITE_URL", default="").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be a scheme and host without a path, e.g. https://kamerbrieven.example "
        f"(got {SITE_URL!r})."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "letters",
]
if DEBUG:
    # The corpus generator and the benchmarks: for developers, never in production.
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "archive.routers.PinWritesToPrimaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads request.GET/POST (the CSRF check does, in process_view):
    # requests over the limits below get the page's own message (letters/request_limits.py).
    "letters.request_limits.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the header middleware above, so cached pages carry their headers too.
    "letters.page_cache.PublicPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

# Seconds a database connection is kept open between requests (0: one per request).
DB_CONN_MAX_AGE = int(env_str("DB_CONN_MAX_AGE", default="60"))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"),
        conn_max_age=DB_CONN_MAX_AGE,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Django's SQLite backend, making the database's folder when it opens the file.
    DATABASES["default"]["ENGINE"] = "archive.sqlite"
    # WAL lets readers go on while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("TEST_DATABASE_NAME", default="") or None

# A read replica (PostgreSQL streaming replica): reads go there, writes to the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", default="")
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DB_CONN_MAX_AGE
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["archive.routers.PrimaryReplicaRouter"]

# Public pages are cached per archive generation (letters/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)

# Cache: Redis when REDIS_URL is set (shared by all app servers), else this process's memory.
REDIS_URL = env_str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "archive"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# The site is Dutch only: a browser asking for English still gets Dutch dates and labels.
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names: needs ``collectstatic`` (the tests and benchmarks
    # use plain storage, see settings_test.py).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# JSON API: requests per minute per client address (0 switches the limit off), and how
# many reverse proxies in front of the app set X-Forwarded-For (1 behind nginx).
API_RATE_LIMIT = int(env_str("API_RATE_LIMIT", default="120"))
API_TRUSTED_PROXIES = int(env_str("API_TRUSTED_PROXIES", default="0"))

# -- Request and upload limits -------------------------------------------------------
# What the pages state is what is enforced (tests/test_request_limits.py checks they agree);
# a request over a limit gets the page's own message (letters/request_limits.py).
# A file an editor uploads ("Nieuwe brief uit tekst"): at most this many bytes. A body
# larger than this plus DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is read.
LETTER_UPLOAD_MAX_BYTES = int(env_str("LETTER_UPLOAD_MAX_BYTES", default=str(20 * 1024 * 1024)))
# A letter's text, pasted or read from a file: at most this many characters (about 150
# pages), which the search index holds in full (letters/search/documents.py).
LETTER_TEXT_MAX_CHARS = 400_000
# Form fields other than files: the pasted letter text (at most 4 bytes a character in
# a multipart form: 1.6 MB) and the citation lookup's 1 MB of text (more when
# URL-encoded) fit with room to spare.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files larger than this are written to a temporary file while they are read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# DATA_UPLOAD_MAX_NUMBER_FIELDS stays Django's 1 000 (query parameters and form fields):
# the review page of a letter at the text limit holds a few hundred checkboxes.

LOGIN_URL = "admin:login"
# Where a login without "next" lands: the admin home, where editors start.
LOGIN_REDIRECT_URL = "admin:index"
# Where the editors' admin lives (archive/urls.py); also kept out of the page cache,
# the read replica and robots.txt.
ADMIN_URL_PREFIX = "/beheer/"

# -- Security ---------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (nginx, a load balancer),
# set SECURE_PROXY_SSL_HEADER=1 so Django knows the request came in over HTTPS.
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", default="0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline script or style anywhere, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Failed admin logins: after 5 failures for a username from one address, a lock-out
# of 30 minutes with a clear message (templates/registration/locked_out.html).
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", default="5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One JSON object per line on stdout: easy for any log collector to parse.
    "formatters": {"json": {"()": "archive.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
