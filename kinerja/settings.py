"""Settings read from the environment (12-factor).

Two modes, chosen by ``KINERJA_ENV``: ``development`` (default; generates and keeps a secret key
under ``var/`` so a fresh checkout just runs) and ``production`` (refuses to start without
``SECRET_KEY`` and turns on every protection ``kinerja check --deploy`` asks for).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KINERJA_VAR_DIR", Path.cwd() / "var")).resolve()
ENV = os.environ.get("KINERJA_ENV", "development").strip().lower()
if ENV not in {"development", "production"}:
    raise ImproperlyConfigured("KINERJA_ENV must be 'development' or 'production'")
PRODUCTION = ENV == "production"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when KINERJA_ENV=production")
    # Development: one key per checkout, kept so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "kinerja.core",
    "kinerja.audit",
    "kinerja.accounts",
    "kinerja.catalog",
    "kinerja.planning",
    "kinerja.measurement",
    "kinerja.population",
    "kinerja.scoring",
    "kinerja.web",
    "kinerja.ops",
    "axes",
    "kinerja.demo",
    "kinerja.reports",
    "kinerja.strategy",
    "kinerja.dashboard",
    *("rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "kinerja.api"),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: every response a view makes (all private or a login form) is no-store.
    "kinerja.ops.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinerja.ops.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A query past its time budget is a 503, a lost unique-insert race a 409: never a 500.
    "kinerja.ops.middleware.DatabaseGuardMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.accounts.context_processors.nav",
                "kinerja.web.context_processors.branding",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# Every query a web request makes has a time budget (seconds; 0 = none). `kinerja` commands
# other than runserver set it to 0 (kinerja/cli.py): an import or a backup may take long.
KINERJA_QUERY_BUDGET_SECONDS = float(os.environ.get("KINERJA_QUERY_BUDGET_SECONDS", "10"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Concurrent writers: a transaction takes the write lock when it begins (no deadlock between
    # two readers upgrading), waits up to 20 s for it, and readers never block the writer (WAL).
    # The time budget is a progress handler installed by kinerja.ops (SQLite has no timeout).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql") and KINERJA_QUERY_BUDGET_SECONDS > 0:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        _options.get("options", "")
        + f" -c statement_timeout={int(KINERJA_QUERY_BUDGET_SECONDS * 1000)}"
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    # Login throttling (django-axes): 5 wrong passwords for one account from one address lock
    # that pair for 15 minutes; an admin unlocks in the admin (Percobaan akses) or with
    # `kinerja axes_reset_username NAME`.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ops/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after 8 hours without a request (a working day); the expiry is renewed at most
# every 5 minutes (kinerja.ops.middleware.IdleSessionMiddleware), not written on every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this site;
# no inline script or style, no framing, forms post only here. Static files are vendored.
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
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Indonesian first; the source strings are Indonesian and wrapped for translation. No
# LocaleMiddleware: a browser set to English must still see "85,50%" and "26 Agustus 2019".
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["kinerja.formats"]

STATIC_URL = "static/"
# The users' guide screenshots (docs/guide/img, made by a browser test) served as panduan/*.png.
_GUIDE_IMAGES = PACKAGE_DIR.parent / "docs" / "guide" / "img"
STATICFILES_DIRS = [("panduan", _GUIDE_IMAGES)] if _GUIDE_IMAGES.is_dir() else []
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# WhiteNoise serves STATIC_ROOT from the application (no nginx): hashed names are cached for a
# year (immutable), other files for WHITENOISE_MAX_AGE seconds; gzip copies made at collectstatic.
WHITENOISE_MAX_AGE = int(os.environ.get("WHITENOISE_MAX_AGE", 3600))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise

# Evidence files: size limit and the types offices attach (checked by content, not by name).
KINERJA_MAX_EVIDENCE_BYTES = int(os.environ.get("KINERJA_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024))
KINERJA_MAX_UPLOAD_ROWS = int(os.environ.get("KINERJA_MAX_UPLOAD_ROWS", 5000))
# Spreadsheet uploads are refused before opening when their parts would expand past these.
KINERJA_MAX_XLSX_UNCOMPRESSED = int(os.environ.get("KINERJA_MAX_XLSX_UNCOMPRESSED", 40 * 1024**2))
KINERJA_MAX_XLSX_SHARED_STRINGS = int(
    os.environ.get("KINERJA_MAX_XLSX_SHARED_STRINGS", 8 * 1024**2)
)

# De-identified working databases and quarantine reports of population-register imports.
KINERJA_POPULATION_DIR = Path(os.environ.get("KINERJA_POPULATION_DIR", VAR_DIR / "population"))

# Residents in the synthetic register that `kinerja demo` imports for the coverage page.
KINERJA_DEMO_RESIDENTS = int(os.environ.get("KINERJA_DEMO_RESIDENTS", 20_000))

# The largest decree text an admin may upload or import (bytes).
KINERJA_MAX_DECREE_BYTES = int(os.environ.get("KINERJA_MAX_DECREE_BYTES", 5 * 1024 * 1024))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Logs go to stderr (the journal under systemd, docs/deployment.md), one line each with time,
# level and source; gunicorn writes the access log (kinerja/web/gunicorn_conf.py). Unhandled
# errors are logged by django.request with their traceback, never with the request's body.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes logs every login at INFO; lockouts (WARNING) are what an admin needs.
        "axes": {"level": "WARNING"},
    },
}

# The REST API (/api/v1/, docs/api.md): token or session auth, problem+json errors, throttling
# per token in the default cache, OpenAPI 3 from the code with vendored Swagger UI (no CDN).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kinerja.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["kinerja.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("KINERJA_API_RATE", "600/min")},
    "DEFAULT_PAGINATION_CLASS": "kinerja.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kinerja.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kinerja API",
    "DESCRIPTION": "Katalog, target, PK, realisasi, capaian dan angka register (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kinerja.api.schema.problem_responses",
    ],
}
