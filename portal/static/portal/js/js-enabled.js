// Loaded synchronously in <head>: marks the page as scripted before the first paint, so
// the no-JavaScript fallbacks of portal.css never flash when scripts do run.
document.documentElement.setAttribute("data-portal-js", "");
