/*
 * Map of the maison search results (progressive enhancement: without JavaScript the
 * result list is the whole page and the map stays hidden).
 *
 * Markup (see the report of the task / templates/directory/directory_index_page.html):
 *   <div id="maison-map" class="maison-map" hidden aria-label="…" data-tiles-url="…"
 *        data-attribution="…" data-label-origin="…" data-label-no-tiles="…"
 *        [data-label-close="…" data-label-zoom-in="…" data-label-zoom-out="…"
 *         data-label-distance="… {distance} …" data-label-marker="… {number} … {name} …"
 *         data-label-cluster="… {count} …"] data-map-url="/maisons/carte/?…"></div>
 *   <ol class="maison-results"><li class="maison-result" data-maison-id="12">…</li></ol>
 *
 * data-map-url answers {"origin": …, "radius_km": …, "maisons": […]}, fetched once the
 * page is shown (the page's own cost does not grow with the number of results).
 * "maisons" holds every result of the search, not only the listed page's: each marker
 * shows the number of its line in the list (which continues across pages), and near
 * markers gather in clusters (leaflet.markercluster) that zoom in when activated.
 *
 * Needs vendor/leaflet/leaflet.js (global L), vendor/leaflet.markercluster/ (optional:
 * without it every marker is drawn), vendor/leaflet/leaflet.css and
 * directory/css/maison-search.css. The network requests are the map's data (same origin)
 * and the tiles, only when data-tiles-url is set. No HTML string built from data: popups
 * are DOM nodes.
 */
(function () {
  "use strict";

  const container = document.getElementById("maison-map");
  if (!container || !container.dataset.mapUrl || typeof window.L === "undefined") {
    return;
  }
  const L = window.L;

  // The map's data comes apart from the page (every result, not only the listed ones):
  // a failed request or malformed data leaves the list alone serving the page.
  fetch(container.dataset.mapUrl, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (data && typeof data === "object") {
        draw(data);
      }
    })
    .catch(() => {});

  function draw(data) {
    const isFiniteNumber = (value) => typeof value === "number" && Number.isFinite(value);
    const hasPosition = (item) => item && isFiniteNumber(item.lat) && isFiniteNumber(item.lon);
    const maisons = Array.isArray(data.maisons) ? data.maisons.filter(hasPosition) : [];
    const origin = hasPosition(data.origin) ? data.origin : null;
    if (!maisons.length && !origin) {
      return;
    }

    const labels = container.dataset;
    const language = document.documentElement.lang || "fr";
    const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const distanceFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    const cards = new Map(); // maison id (string) -> <li class="maison-result">
    document.querySelectorAll(".maison-result[data-maison-id]").forEach((card) => {
      cards.set(card.dataset.maisonId, card);
    });

    function escapeHtml(text) {
      const span = document.createElement("span");
      span.textContent = text;
      return span.innerHTML;
    }

    function element(tag, className, text) {
      const node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    const isNumber = (value) => Number.isInteger(value) && value > 0;

    function fill(template, values) {
      return Object.keys(values).reduce(
        (text, name) => text.replace(`{${name}}`, values[name]),
        template
      );
    }

    // "Result 21: name", the marker's accessible name and its tooltip.
    function markerLabel(maison) {
      if (!isNumber(maison.number)) {
        return maison.name;
      }
      return labels.labelMarker
        ? fill(labels.labelMarker, { number: maison.number, name: maison.name })
        : `${maison.number}. ${maison.name}`;
    }

    // A disc holding the result's number (a DOM node: nothing parsed from the data).
    function numberedIcon(maison) {
      const html = element("span", "maison-map__pin-number", isNumber(maison.number) ? String(maison.number) : "");
      return L.divIcon({
        html,
        className: "maison-map__pin",
        iconSize: [30, 30],
        popupAnchor: [0, -14],
      });
    }

    function clusterIcon(cluster) {
      const count = cluster.getChildCount();
      const size = count < 10 ? 36 : count < 100 ? 42 : 48;
      return L.divIcon({
        html: element("span", "maison-map__cluster-count", String(count)),
        className: "maison-map__cluster",
        iconSize: [size, size],
      });
    }

    function popupContent(maison) {
      const content = element("div", "maison-map__popup");
      const title = element("p", "maison-map__popup-title");
      const link = element("a", "", isNumber(maison.number) ? `${maison.number}. ${maison.name}` : maison.name);
      link.href = maison.url;
      // Same behaviour as the card's link (the embedded search opens maisons in a new window).
      const card = cards.get(String(maison.id));
      const cardLink = card && card.querySelector(".fr-card__title a");
      if (cardLink) {
        ["target", "title", "rel"].forEach((name) => {
          if (cardLink.hasAttribute(name)) {
            link.setAttribute(name, cardLink.getAttribute(name));
          }
        });
      }
      title.appendChild(link);
      content.appendChild(title);

      const details = [];
      if (isFiniteNumber(maison.distance_km)) {
        const distance = `${distanceFormat.format(maison.distance_km)}\u00a0km`;
        details.push(
          labels.labelDistance ? labels.labelDistance.replace("{distance}", distance) : distance
        );
      }
      if (maison.stop) {
        details.push(maison.stop);
      }
      if (details.length) {
        content.appendChild(element("p", "maison-map__popup-details", details.join(" · ")));
      }
      if (maison.status) {
        const badge = { open: "fr-badge--success", closed: "fr-badge--warning" }[maison.state] || "fr-badge--info";
        content.appendChild(element("p", `fr-badge fr-badge--sm ${badge}`, maison.status));
      }
      return content;
    }

    // Un-hide before creating the map: Leaflet measures its container.
    container.hidden = false;
    if (!container.hasAttribute("role")) {
      container.setAttribute("role", "region"); // Names the aria-label'led area (a landmark).
    }

    const tilesUrl = (labels.tilesUrl || "").trim();
    if (!tilesUrl && labels.labelNoTiles) {
      const notice = element("p", "fr-text--sm maison-map__notice", labels.labelNoTiles);
      container.insertAdjacentElement("beforebegin", notice);
    }

    const map = L.map(container, {
      maxZoom: 18,
      minZoom: 3,
      scrollWheelZoom: false, // Scrolling the page must not zoom the map by surprise.
      zoomControl: false,
      fadeAnimation: !reducedMotion,
      zoomAnimation: !reducedMotion,
      markerZoomAnimation: !reducedMotion,
      inertia: !reducedMotion,
    });
    const zoomOptions = {};
    if (labels.labelZoomIn) {
      zoomOptions.zoomInTitle = labels.labelZoomIn;
    }
    if (labels.labelZoomOut) {
      zoomOptions.zoomOutTitle = labels.labelZoomOut;
    }
    L.control.zoom(zoomOptions).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
    if (tilesUrl) {
      L.tileLayer(tilesUrl, {
        maxZoom: 19,
        // Tile servers (OpenStreetMap's among them) ask for the site's origin.
        referrerPolicy: "strict-origin-when-cross-origin",
        attribution: escapeHtml(labels.attribution || ""),
      }).addTo(map);
    } else {
      container.classList.add("maison-map--no-tiles");
    }

    const markers = new Map(); // maison id (string) -> marker
    const allMarkers = []; // the maisons' markers and the origin's
    // Near markers gather in clusters; without the plugin, every marker is drawn.
    const group =
      typeof L.markerClusterGroup === "function"
        ? L.markerClusterGroup({
            iconCreateFunction: clusterIcon,
            showCoverageOnHover: false,
            spiderfyOnMaxZoom: true,
            maxClusterRadius: 40,
            animate: !reducedMotion,
          })
        : L.featureGroup();
    const isClustered = (marker) =>
      typeof group.getVisibleParent === "function" && group.getVisibleParent(marker) !== marker;

    // The view comes first: Leaflet only adds layers (and creates marker elements) to a map
    // that has one.
    const points = maisons.map((maison) => [maison.lat, maison.lon]);
    if (origin) {
      points.push([origin.lat, origin.lon]);
    }
    if (points.length === 1) {
      map.setView(points[0], 12, { animate: false });
    } else {
      map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 14, animate: false });
    }
    let activeId = null;

    // Marks (or unmarks) the card and the marker of result ``id``, the marker on top.
    function mark(id, active) {
      const card = cards.get(id);
      const marker = markers.get(id);
      if (card) {
        card.classList.toggle("maison-result--active", active);
      }
      if (marker) {
        const markerElement = marker.getElement();
        if (markerElement) {
          markerElement.classList.toggle("maison-map__marker--active", active);
        }
        marker.setZIndexOffset(active ? 1000 : 0);
      }
      return { card, marker };
    }

    function setActive(id) {
      if (activeId !== null && activeId !== id) {
        mark(activeId, false);
      }
      activeId = id;
      return mark(id, true);
    }

    // A marker was activated (click, or Enter on the focused marker): its card is marked and
    // scrolled into view. After Enter the focus goes into the popup, which must stay on
    // screen: the card is then only scrolled to when it sits beside the map, not under it.
    function activateFromMarker(id, byKeyboard) {
      const { card } = setActive(id);
      if (!card) {
        return;
      }
      const cardBox = card.getBoundingClientRect();
      const mapBox = container.getBoundingClientRect();
      const besideMap = cardBox.right <= mapBox.left || cardBox.left >= mapBox.right;
      if (!byKeyboard || besideMap) {
        card.scrollIntoView({ block: "nearest", behavior: reducedMotion ? "auto" : "smooth" });
      }
    }

    // Keyboard users land in the popup they opened; closing it brings them back to the marker.
    function focusPopupLink(marker) {
      const popup = marker.getPopup();
      const link = popup && popup.isOpen() && popup.getContent().querySelector("a[href]");
      if (link) {
        link.focus({ preventScroll: true });
      }
    }

    function focusMarker(marker) {
      const markerElement = marker && marker.getElement();
      if (markerElement) {
        markerElement.focus({ preventScroll: true });
      }
    }

    // Popups: a translated name for Leaflet's close button, and the focus back on the marker
    // when a popup holding it closes (close button or Escape).
    function enhancePopup(marker) {
      marker.on("popupopen", (event) => {
        const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
        if (!close || close.dataset.enhanced !== undefined) {
          return;
        }
        close.dataset.enhanced = "";
        if (labels.labelClose) {
          close.setAttribute("aria-label", labels.labelClose);
          close.title = labels.labelClose;
        }
        close.addEventListener("click", () => focusMarker(marker));
      });
      marker.on("popupclose", (event) => {
        const popupElement = event.popup.getElement();
        if (popupElement && popupElement.contains(document.activeElement)) {
          focusMarker(marker);
        }
      });
    }

    // Marker and cluster elements are created each time they enter the map (a marker
    // leaves it when it joins a cluster): their names and classes are set then.
    map.on("layeradd", (event) => {
      const layer = event.layer;
      const layerElement = layer.getElement && layer.getElement();
      if (!layerElement) {
        return;
      }
      if (layer.maisonData) {
        const id = String(layer.maisonData.id);
        const label = markerLabel(layer.maisonData);
        layerElement.classList.add("maison-map__marker");
        layerElement.dataset.maisonId = id;
        if (isNumber(layer.maisonData.number)) {
          layerElement.dataset.number = String(layer.maisonData.number);
        }
        layerElement.setAttribute("aria-label", label);
        layerElement.title = label;
        if (activeId === id) {
          layerElement.classList.add("maison-map__marker--active");
        }
      } else if (L.MarkerCluster && layer instanceof L.MarkerCluster) {
        const count = layer.getChildCount();
        const label = labels.labelCluster
          ? fill(labels.labelCluster, { count })
          : String(count);
        layerElement.setAttribute("aria-label", label);
        layerElement.title = label;
        layerElement.dataset.count = String(count);
      }
    });

    maisons.forEach((maison) => {
      const id = String(maison.id);
      const marker = L.marker([maison.lat, maison.lon], {
        icon: numberedIcon(maison),
        keyboard: true, // tabindex="0" and role="button"; Enter opens the popup.
        riseOnHover: true,
      });
      marker.maisonData = maison;
      marker.bindPopup(popupContent(maison), { maxWidth: 280, autoPanPadding: [24, 24] });
      enhancePopup(marker);
      marker.on("click", () => activateFromMarker(id, false));
      marker.on("keypress", (event) => {
        if (event.originalEvent.key === "Enter") {
          focusPopupLink(marker);
          activateFromMarker(id, true);
        }
      });
      markers.set(id, marker);
      allMarkers.push(marker);
    });
    if (typeof group.addLayers === "function") {
      group.addLayers(Array.from(markers.values()));
    } else {
      markers.forEach((marker) => group.addLayer(marker));
    }
    group.addTo(map);

    if (origin) {
      const originLabel = labels.labelOrigin
        ? labels.labelOrigin.includes("{label}")
          ? labels.labelOrigin.replace("{label}", origin.label || "")
          : [labels.labelOrigin, origin.label].filter(Boolean).join(" – ")
        : origin.label || "";
      if (isFiniteNumber(data.radius_km) && data.radius_km > 0) {
        L.circle([origin.lat, origin.lon], {
          radius: data.radius_km * 1000,
          interactive: false,
          className: "maison-map__radius",
        }).addTo(map);
      }
      const originMarker = L.marker([origin.lat, origin.lon], {
        icon: L.divIcon({ className: "maison-map__origin", iconSize: [22, 22] }),
        keyboard: true,
        title: originLabel,
        zIndexOffset: -1000,
      })
        .bindPopup(element("p", "maison-map__popup-title", originLabel))
        .addTo(map);
      enhancePopup(originMarker);
      allMarkers.push(originMarker);
      const originElement = originMarker.getElement();
      originElement.setAttribute("aria-label", originLabel);
      originElement.dataset.origin = "";
    }

    container.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") {
        return;
      }
      const open = allMarkers.find((marker) => marker.isPopupOpen());
      if (open) {
        open.closePopup();
        focusMarker(open);
      }
    });

    // Card -> marker: hovering or focusing a card marks its marker and opens its popup,
    // without moving the focus (openPopup never focuses anything).
    cards.forEach((card, id) => {
      const marker = markers.get(id);
      if (!marker) {
        return;
      }
      const show = () => {
        if (activeId === id && marker.isPopupOpen()) {
          return;
        }
        setActive(id);
        if (isClustered(marker)) {
          // Zooms in (or spiderfies) until the marker leaves its cluster.
          group.zoomToShowLayer(marker, () => {
            setActive(id);
            marker.openPopup();
          });
        } else {
          marker.openPopup();
        }
      };
      card.addEventListener("mouseenter", show);
      card.addEventListener("focusin", show);
    });
  }
})();
