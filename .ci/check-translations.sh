#!/usr/bin/env bash
# Fails when the gettext catalogs are stale: a marked string missing from a .po file,
# a French string left untranslated, or a .mo file that does not match its .po file.
set -euo pipefail
makemessages=$1
status=0

$makemessages >/dev/null
if ! git diff --quiet -I'^"POT-Creation-Date' -- locale; then
  echo "Stale catalogs: run 'make messages', translate, and commit locale/." >&2
  git --no-pager diff --stat -- locale >&2
  status=1
fi

untranslated=$(msgattrib --untranslated --no-obsolete locale/fr/LC_MESSAGES/django.po | grep -c '^msgid' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete locale/fr/LC_MESSAGES/django.po | grep -c '^msgid' || true)
# msgattrib prints the header entry too when it prints anything.
if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "French catalog: $untranslated untranslated and $fuzzy fuzzy entries (header included)." >&2
  status=1
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for po in locale/*/LC_MESSAGES/django.po; do
  msgfmt --check-format -o "$tmp" "$po"
  if ! cmp -s "$tmp" "${po%.po}.mo"; then
    echo "Not compiled: ${po%.po}.mo differs from $po (run 'make messages')." >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "Translation catalogs are up to date."
exit "$status"
