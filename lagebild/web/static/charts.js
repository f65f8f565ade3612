/* lagebild: the interactive timeline and actor network on the storyline and entity pages.
 *
 * Drawn with the vendored d3 (static/vendor/d3.min.js, see its README) under the page's CSP
 * (script-src 'self': no inline script, no eval).  The data comes from a
 * <script type="application/json"> block the server wrote; every label is set with
 * textContent (d3's .text()), so scraped titles stay text.  Each chart lives in a hidden
 * <div class="ichart"> that is shown here; without script the server-rendered SVG in
 * <noscript> is shown instead.
 */
(function () {
  "use strict";
  var d3 = window.d3;
  if (!d3) return; // the vendored library did not load: the figures' download links still work
  var DAY = 864e5;

  function readData(el) {
    var src = document.getElementById(el.getAttribute("data-src"));
    return src ? JSON.parse(src.textContent) : null;
  }

  /* Axis labels in the page's language; ticks at whole days at least (no "12 PM"). */
  var DE = {
    dateTime: "%A, der %e. %B %Y, %X", date: "%d.%m.%Y", time: "%H:%M:%S", periods: ["", ""],
    days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"],
    shortMonths: ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
  };
  var german = document.documentElement.lang !== "en";
  var locale = german ? d3.timeFormatLocale(DE) : null;
  var fmt = function (spec) { return locale ? locale.utcFormat(spec) : d3.utcFormat(spec); };
  var fDay = fmt(german ? "%a %e." : "%a %e"), fWeek = fmt(german ? "%e. %b" : "%b %e"),
    fMonth = fmt("%b"), fYear = fmt("%Y");
  /* Weeks start on Monday on German and English pages alike (ISO 8601, as the TIMEX week dates
   * 2024-W26 the timeline shows): d3's own week ticks fall on Sundays, so weekly and two-weekly
   * ticks are laid on Mondays here, and a Monday is labelled with its date. */
  function tickLabel(d) {
    if (d3.utcYear(d) < d) {
      if (d3.utcMonth(d) < d) return d3.utcMonday(d) < d ? fDay(d) : fWeek(d);
      return fMonth(d);
    }
    return fYear(d);
  }
  function dayTicks(xs, n) {
    var ticks = xs.ticks(n).filter(function (d) { return d.getUTCHours() === 0; });
    var step = ticks.length > 1 ? Math.round((ticks[1] - ticks[0]) / DAY) : 0;
    if (step === 7 || step === 14) {
      var dom = xs.domain();
      ticks = d3.utcMonday.every(step / 7).range(dom[0], new Date(dom[1].getTime() + 1));
    }
    return ticks;
  }

  function utc(iso) { return new Date(iso + "T00:00:00Z"); }
  function iso(d) { return new Date(d.getTime()).toISOString().slice(0, 10); }
  function href(el, path) { return path + (el.getAttribute("data-lang-q") || ""); }

  /* Ctrl/Cmd + wheel zooms (a plain wheel scrolls the page); drag pans; double click zooms in;
   * on a touch screen two fingers pan and zoom, one finger scrolls the page (CSS touch-action). */
  function zoomBehaviour() {
    return d3.zoom()
      .filter(function (event) {
        if (event.type === "wheel") return event.ctrlKey || event.metaKey;
        if (event.type === "touchstart") return event.touches.length > 1;
        return !event.button;
      })
      .wheelDelta(function (event) {
        return -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002);
      });
  }

  function wireButtons(el, svg, zoom) {
    el.querySelectorAll("button[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var what = b.getAttribute("data-zoom");
        if (what === "reset") svg.call(zoom.transform, d3.zoomIdentity);
        else svg.call(zoom.scaleBy, what === "in" ? 2 : 0.5);
      });
    });
  }

  /* -- timeline: one row per entry, the axis starting at the dense period ------------------ */

  function timeline(el, data) {
    var canvas = el.querySelector(".ichart-canvas");
    var items = data.items;
    var width = Math.max(canvas.clientWidth || 0, 320);
    var rowH = 22, top = 26, side = 28;
    var height = top + items.length * rowH + 8;
    var inner = width - 2 * side;
    var v0 = utc(data.view[0]), v1 = new Date(utc(data.view[1]).getTime() + DAY);
    var x = d3.scaleUtc().domain([v0, v1]).range([0, inner]);
    var first = d3.min(items, function (d) { return utc(d.start); });
    var last = new Date(d3.max(items, function (d) { return utc(d.end); }).getTime() + DAY);
    var viewDays = (v1 - v0) / DAY;
    var allDays = Math.max((last - first) / DAY, viewDays);

    var svg = d3.select(canvas).append("svg")
      .attr("class", "timeline-svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height].join(" "));
    var clipId = el.id + "-clip";
    svg.append("clipPath").attr("id", clipId).append("rect")
      .attr("x", 0).attr("y", 0).attr("width", inner).attr("height", height);
    var plot = svg.append("g").attr("transform", "translate(" + side + ",0)");
    plot.append("rect").attr("class", "backdrop").attr("width", inner).attr("height", height);
    var gridG = plot.append("g").attr("class", "grid").attr("transform", "translate(0," + top + ")");
    var axisG = plot.append("g").attr("class", "axis").attr("transform", "translate(0," + (top - 4) + ")");

    var rows = plot.selectAll("a.tl-item").data(items).join("a")
      .attr("class", function (d) { return "tl-item k-" + d.kind; })
      .attr("transform", function (d, i) { return "translate(0," + (top + i * rowH) + ")"; });
    rows.filter(function (d) { return d.href; }).attr("href", function (d) { return href(el, d.href); });
    rows.append("title").text(function (d) { return d.date + " · " + d.text; });
    rows.append("rect").attr("class", "row").attr("width", inner).attr("height", rowH);
    rows.append("rect").attr("class", "bar").attr("clip-path", "url(#" + clipId + ")")
      .attr("y", rowH / 2 - 5).attr("height", 10).attr("rx", 3);
    rows.append("path").attr("class", "off").attr("d", "M0,-5L-7,0L0,5Z");
    rows.append("text").attr("class", "label").attr("y", rowH / 2).attr("dy", "0.35em")
      .text(function (d) { return d.date + "  " + d.label; });
    // a label that does not fit beside its bar is cut to the room there (the full text is in its title)
    function fit(text, w, room) {
      if (w <= room) return text;
      var n = Math.max(0, Math.floor(text.length * room / w * 0.95) - 1);
      return n > 12 ? text.slice(0, n) + "…" : text.slice(0, 12) + "…";
    }
    var widths = [];
    rows.select("text.label").each(function () { widths.push(this.getComputedTextLength()); });

    function draw(xs) {
      var d0 = xs.domain()[0], d1 = xs.domain()[1];
      var ticks = dayTicks(xs, Math.max(2, Math.floor(inner / 110)));
      axisG.call(d3.axisTop(xs).tickValues(ticks).tickFormat(tickLabel));
      gridG.call(d3.axisBottom(xs).tickValues(ticks).tickSize(items.length * rowH).tickFormat(""));
      rows.each(function (d, i) {
        var row = d3.select(this);
        var s = utc(d.start), e = new Date(utc(d.end).getTime() + DAY);
        var a = xs(s), b = Math.max(xs(e), a + 6);
        var before = e <= d0, after = s >= d1;
        row.classed("outside", before || after);
        row.select("rect.bar").attr("x", a).attr("width", b - a);
        row.select("path.off").attr("transform", before ? "translate(8," + rowH / 2 + ")"
          : after ? "translate(" + (inner - 8) + "," + rowH / 2 + ") scale(-1,1)" : "translate(-99,-99)");
        var label = row.select("text.label");
        var room, anchor, at;
        if (before) { at = 14; anchor = "start"; room = inner - 18; }
        else if (after) { at = inner - 14; anchor = "end"; room = inner - 18; }
        else if (inner - Math.max(b, 0) - 8 >= Math.min(widths[i], Math.min(a, inner))) {
          at = Math.max(b, 0) + 6; anchor = "start"; room = inner - at - 2;
        } else { at = Math.min(a, inner) - 6; anchor = "end"; room = at - 2; }
        label.attr("x", at).attr("text-anchor", anchor).text(fit(d.date + "  " + d.label, widths[i], room));
      });
      var shownTo = new Date(d1.getTime() - 1);
      svg.attr("data-from", iso(d0)).attr("data-to", iso(shownTo));
      var out = el.querySelector(".ichart-range");
      if (out) out.textContent = iso(d0) + " – " + iso(shownTo);
    }

    var zoom = zoomBehaviour()
      .scaleExtent([viewDays / (allDays * 1.5), Math.max(viewDays, 1) * 4])
      .extent([[0, 0], [inner, height]])
      // pan as far as the entries reach (and at least over the first view), a quarter width beyond
      .translateExtent([[Math.min(x(first) - inner * 0.25, 0), 0],
        [Math.max(x(last) + inner * 0.25, inner), height]])
      .on("zoom", function (event) { draw(event.transform.rescaleX(x)); });
    svg.call(zoom);
    wireButtons(el, svg, zoom);
    draw(x);
  }

  /* -- actor network: a force layout, then labels pushed apart until none overlaps --------- */

  function spread(nodes, rounds) {
    for (var r = 0; r < rounds; r++) {
      var moved = false;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j];
          var ox = (a.w + b.w) / 2 + 4 - Math.abs(a.x - b.x);
          var oy = (a.h + b.h) / 2 + 2 - Math.abs(a.y - b.y);
          if (ox > 0 && oy > 0) {
            moved = true;
            var s;
            if (ox < oy) { s = a.x >= b.x ? 1 : -1; a.x += s * ox / 2; b.x -= s * ox / 2; }
            else { s = a.y >= b.y ? 1 : -1; a.y += s * oy / 2; b.y -= s * oy / 2; }
          }
        }
      }
      if (!moved) return;
    }
  }

  function network(el, data) {
    var canvas = el.querySelector(".ichart-canvas");
    var width = Math.max(canvas.clientWidth || 0, 320);
    var height = Math.min(460, 220 + 16 * data.nodes.length);
    var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
    var edges = data.edges.map(function (e) { return Object.assign({}, e); });
    var top = d3.max(edges, function (e) { return e.weight; }) || 1;

    var svg = d3.select(canvas).append("svg")
      .attr("class", "network-svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height].join(" "));
    svg.append("rect").attr("class", "backdrop").attr("width", width).attr("height", height);
    var g = svg.append("g");
    var lines = g.append("g").selectAll("line").data(edges).join("line")
      .attr("class", function (e) { return e.quote ? "tie quote" : "tie"; })
      .attr("stroke-width", function (e) { return 0.8 + 3.2 * e.weight / top; });
    var nodeG = g.append("g").selectAll("a.node").data(nodes).join("a")
      .attr("class", function (n) { return n.id === data.centre ? "node centre" : "node"; })
      .attr("href", function (n) { return href(el, n.href); });
    nodeG.append("title").text(function (n) { return n.name + " · " + n.articles; });
    nodeG.append("circle").attr("r", function (n) { return 4 + 2 * Math.sqrt(n.articles); });
    var pads = nodeG.append("rect").attr("class", "label-bg").attr("rx", 3);
    var labels = nodeG.append("text").attr("class", "label").attr("text-anchor", "middle")
      .text(function (n) { return n.name; });
    labels.each(function (n) {
      var box = this.getBBox();
      n.w = box.width + 6; n.h = box.height + 2;
      n.r = 4 + 2 * Math.sqrt(n.articles);
    });

    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).id(function (n) { return n.id; }).distance(110)
        .strength(function (e) { return 0.2 + 0.6 * e.weight / top; }))
      .force("charge", d3.forceManyBody().strength(-500))
      .force("x", d3.forceX(width / 2).strength(0.06))
      .force("y", d3.forceY(height / 2).strength(0.1))
      .force("collide", d3.forceCollide(function (n) { return n.w / 2 + 4; }))
      .stop();
    for (var i = 0; i < 300; i++) sim.tick();
    // a label sits above its node: push the label boxes apart (the node moves with it)
    nodes.forEach(function (n) { n.y -= n.r + n.h / 2 + 2; });
    spread(nodes, 400);
    nodes.forEach(function (n) { n.y += n.r + n.h / 2 + 2; });

    function place() {
      lines.attr("x1", function (e) { return e.source.x; }).attr("y1", function (e) { return e.source.y; })
        .attr("x2", function (e) { return e.target.x; }).attr("y2", function (e) { return e.target.y; });
      nodeG.attr("transform", function (n) { return "translate(" + n.x + "," + n.y + ")"; });
      labels.attr("y", function (n) { return -(n.r + 3); }).attr("dy", "-0.3em");
      pads.each(function (n) {
        d3.select(this).attr("x", -n.w / 2).attr("y", -(n.r + 3) - n.h + 1).attr("width", n.w).attr("height", n.h);
      });
    }
    place();

    // fit the drawing into the box once; the zoom starts from there
    var x0 = d3.min(nodes, function (n) { return n.x - n.w / 2; }), x1 = d3.max(nodes, function (n) { return n.x + n.w / 2; });
    var y0 = d3.min(nodes, function (n) { return n.y - n.r - n.h - 4; }), y1 = d3.max(nodes, function (n) { return n.y + n.r; });
    var k = Math.min(1, (width - 20) / (x1 - x0), (height - 20) / (y1 - y0));
    var fit = d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);

    var zoom = zoomBehaviour().scaleExtent([k / 4, 8])
      .on("zoom", function (event) { g.attr("transform", event.transform); });
    svg.call(zoom).call(zoom.transform, fit);
    el.querySelector("button[data-zoom='reset']").addEventListener("click", function () {
      svg.call(zoom.transform, fit);
    });
    el.querySelectorAll("button[data-zoom='in'], button[data-zoom='out']").forEach(function (b) {
      b.addEventListener("click", function () {
        svg.call(zoom.scaleBy, b.getAttribute("data-zoom") === "in" ? 1.5 : 1 / 1.5);
      });
    });
    nodeG.call(d3.drag().on("drag", function (event, n) { n.x = event.x; n.y = event.y; place(); }));
  }

  function init() {
    document.querySelectorAll(".ichart").forEach(function (el) {
      var data = readData(el);
      if (!data) return;
      el.hidden = false;
      try {
        if (el.getAttribute("data-kind") === "network") network(el, data);
        else timeline(el, data);
        el.setAttribute("data-ready", "1");
      } catch (err) {
        el.hidden = true;
        throw err;
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
