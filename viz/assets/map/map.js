// The district map in report.html (viz/map.hpp): draws people, ties and schools at the
// sociogram's positions with d3-selection, pans and zooms with d3-zoom, and answers search,
// focus, filters and colourings. Every text from the data is set with textContent.
(function () {
  'use strict';
  var block = document.getElementById('map-data');
  var d3 = window.d3;
  if (!block || !d3 || !d3.zoom) return;
  var data = JSON.parse(block.textContent);
  var people = data.people, ties = data.ties, schools = data.schools;
  var svgNS = 'http://www.w3.org/2000/svg';

  // ------------------------------------------------------------------ words and colours
  var OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  var RISK = [['high', '#D55E00'], ['medium', '#E69F00'], ['low', '#F0E442'], ['none', '#009E73'], ['no data', '#BBBBBB'],
              ['', '#FFFFFF']];
  var ROLE_ORDER = ['district_team', 'school_leader', 'staff', 'other'];
  function words(name) { return String(name).replace(/_/g, ' '); }
  function roleWords(role) {
    return role === 'district_team' ? 'district team' : role === 'school_leader' ? 'school leader' : role ? words(role) : 'other';
  }
  function riskWords(level) { return level === '' ? 'not scored (district team)' : level; }
  function schoolName(i) { return i === null || i === undefined ? '' : schools[i].name; }
  function fmt(x) {
    if (x === null || x === undefined) return '–';
    return Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(Math.abs(x) < 1 ? 3 : 2);
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ------------------------------------------------------------------ indexes
  var byId = new Map(), schoolById = new Map();
  people.forEach(function (p, i) { p.i = i; byId.set(p.id, i); p.key = fold(p.name); });
  schools.forEach(function (s, i) { s.i = i; s.people = []; s.key = fold(s.name); if (!schoolById.has(s.id)) schoolById.set(s.id, i); });
  people.forEach(function (p) { if (p.school !== null) schools[p.school].people.push(p.i); });
  var incident = people.map(function () { return []; });
  ties.forEach(function (t, k) { incident[t[0]].push(k); incident[t[1]].push(k); });
  // Names sort in the reader's language. One collator, made at the start: the first
  // localeCompare of a page loads the collation tables, about 10 ms, in the middle of a focus.
  var byName = new Intl.Collator();
  byName.compare("a", "b");
  function fold(text) { return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function leader(p) { return p.role === 'district_team' || p.role === 'school_leader'; }

  // ------------------------------------------------------------------ the drawing
  var svg = d3.select('#map-svg');
  var root = svg.append('g').attr('class', 'zoomed');
  var gSchools = root.append('g').attr('class', 'schools');
  var gTies = root.append('g').attr('class', 'ties');
  var gPeople = root.append('g').attr('class', 'people');
  var gLeaders = root.append('g').attr('class', 'leaders');  // lines from names moved far to their dots
  var gLabels = root.append('g').attr('class', 'labels');
  var drawn = new Uint8Array(people.length);   // people with elements
  var pending = new Uint8Array(ties.length);   // ties between drawn people whose line is not made yet
  // Large districts: ties away from the district team get their lines only when first in view
  // (zoomed in to 3 times the fitted scale or more; below that they are hidden anyway) or lit by a
  // focus. Only the schools in view make theirs, so a focus makes hundreds of lines, not 30,000.
  var large = people.length > 1500;
  var schoolLinesMade = new Uint8Array(schools.length);  // the school's people's pending lines made
  var unboxed = people.filter(function (p) { return p.school === null || !(schools[p.school].w > 0); }).map(function (p) { return p.i; });
  svg.classed('large', large);
  var circles = new Array(people.length), lines = new Array(ties.length), labels = new Array(people.length);
  var schoolShapes = new Array(schools.length), schoolLabels = new Array(schools.length);
  // Each element's class is written whole, once, when its state changes (one style change each).
  var lineBase = new Array(ties.length), tieClass = new Array(ties.length), circleClass = new Array(people.length),
      labelClass = new Array(people.length), circleNow = new Array(people.length);  // circleNow: the class written

  schools.forEach(function (s) {
    if (!(s.w > 0)) return;
    var shape;
    if (s.box) {
      shape = document.createElementNS(svgNS, 'rect');
      shape.setAttribute('x', s.x - s.w / 2); shape.setAttribute('y', s.y - s.h / 2);
      shape.setAttribute('width', s.w); shape.setAttribute('height', s.h); shape.setAttribute('rx', 8);
    } else {
      shape = document.createElementNS(svgNS, 'ellipse');
      shape.setAttribute('cx', s.x); shape.setAttribute('cy', s.y); shape.setAttribute('rx', s.w / 2); shape.setAttribute('ry', s.h / 2);
    }
    shape.setAttribute('data-school', s.id);
    shape.addEventListener('click', function (e) { e.stopPropagation(); focusSchool(s.i); });
    gSchools.node().appendChild(shape);
    schoolShapes[s.i] = shape;
    var label = document.createElementNS(svgNS, 'text');
    label.setAttribute('class', 'school');
    label.setAttribute('x', s.x); label.setAttribute('y', s.box ? s.y - s.h / 2 : s.y);
    label.setAttribute('dy', s.box ? '1.1em' : '0.35em');
    label.setAttribute('text-anchor', 'middle');
    label.textContent = s.name;
    gLabels.node().appendChild(label);
    schoolLabels[s.i] = label;
  });

  function teamTie(k) { return people[ties[k][0]].role === 'district_team' || people[ties[k][1]].role === 'district_team'; }
  // The line of tie k, styled as its state says.
  function makeLine(k) {
    var t = ties[k];
    var a = people[t[0]], b = people[t[1]], type = data.types[t[2]] || { name: '', close: true, colour: '#777777' };
    // Several kinds of tie between one pair: side by side, a little apart.
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1, off = (t[2] - (data.types.length - 1) / 2) * 0.9;
    var ox = -dy / len * off, oy = dx / len * off;
    var line = document.createElementNS(svgNS, 'line');
    line.setAttribute('x1', a.x + ox); line.setAttribute('y1', a.y + oy);
    line.setAttribute('x2', b.x + ox); line.setAttribute('y2', b.y + oy);
    line.setAttribute('stroke', type.colour);
    line.setAttribute('data-source', a.id); line.setAttribute('data-target', b.id); line.setAttribute('data-type', type.name);
    lineBase[k] = ((type.close ? '' : 'loose') + (teamTie(k) ? ' team' : '')).trim();
    tieClass[k] = '';
    lines[k] = line;
    pending[k] = 0;
    restyleTie(k);
    return line;
  }
  // Makes the lines of the pending ties among `list`.
  function makeLines(list) {
    var frag = document.createDocumentFragment();
    list.forEach(function (k) { if (pending[k]) frag.appendChild(makeLine(k)); });
    if (frag.firstChild) gTies.node().insertBefore(frag, gTies.node().firstChild);  // under the lines already there
  }

  // A dot's tooltip (name, role and school) is made when the pointer first comes over it: 5,000
  // title elements would double the elements a focus restyles.
  gPeople.node().addEventListener('mouseover', function (e) {
    var c = e.target, i = c.getAttribute ? byId.get(c.getAttribute('data-id')) : undefined;
    if (i === undefined || c.firstChild) return;
    var p = people[i], tip = document.createElementNS(svgNS, 'title');
    tip.textContent = p.name + ' (' + roleWords(p.role) + (p.school !== null ? ', ' + schoolName(p.school) : '') + ')';
    c.appendChild(tip);
  });
  // The name of person i, styled as their state says.
  function makeLabel(i) {
    var p = people[i], label = document.createElementNS(svgNS, 'text');
    label.setAttribute('class', labelClass[i]);
    label.setAttribute('x', p.x); label.setAttribute('y', p.y);
    label.setAttribute('dx', (Math.max(p.r, 2) + 2) + '');
    label.setAttribute('dy', '0.35em');
    label.setAttribute('data-id', p.id);
    label.textContent = p.name;
    labels[i] = label;
    restylePerson(i);
    return label;
  }
  // Makes the names of `list` (drawn person indices) that have none yet.
  function makeLabels(list) {
    var frag = document.createDocumentFragment();
    list.forEach(function (i) { if (drawn[i] && !labels[i]) frag.appendChild(makeLabel(i)); });
    if (frag.firstChild) gLabels.node().appendChild(frag);
  }

  // Draws `list` (person indices) not yet drawn, and every tie whose two ends are then drawn.
  function draw(list) {
    var fresh = [];
    list.forEach(function (i) { if (!drawn[i]) { drawn[i] = 1; fresh.push(i); } });
    if (!fresh.length) return;
    var tieFrag = document.createDocumentFragment(), peopleFrag = document.createDocumentFragment(),
        labelFrag = document.createDocumentFragment();
    var seen = new Set();
    fresh.forEach(function (i) {
      incident[i].forEach(function (k) {
        var t = ties[k];
        if (lines[k] || seen.has(k) || !drawn[t[0]] || !drawn[t[1]]) return;
        seen.add(k);
        // Large districts: ties away from the district team are hidden at overview zoom
        // (quiet-ties), so their lines are made only when they are first shown.
        if (large && !teamTie(k)) { pending[k] = 1; return; }
        tieFrag.appendChild(makeLine(k));
      });
      var p = people[i];
      var c = document.createElementNS(svgNS, 'circle');
      c.setAttribute('cx', p.x); c.setAttribute('cy', p.y); c.setAttribute('r', Math.max(p.r, 2));
      c.setAttribute('data-id', p.id);
      circleClass[i] = circleNow[i] = leader(p) ? 'leader' : '';
      if (circleClass[i]) c.setAttribute('class', circleClass[i]);
      c.addEventListener('click', function (e) { e.stopPropagation(); focusPerson(i); });
      circles[i] = c;
      peopleFrag.appendChild(c);
      labelClass[i] = 'person' + (leader(p) ? '' : ' minor');
      // Large districts: the names of people other than leaders are made when first in view.
      if (!large || leader(p)) labelFrag.appendChild(makeLabel(i));
    });
    gTies.node().appendChild(tieFrag);
    gPeople.node().appendChild(peopleFrag);
    gLabels.node().appendChild(labelFrag);
    if (large) {  // the new people's schools make their lines again when in view
      fresh.forEach(function (i) { if (people[i].school !== null) schoolLinesMade[people[i].school] = 0; });
      linesInView(d3.zoomTransform(svg.node()));
    }
    colourPeople();
    applyFilters();
  }

  // ------------------------------------------------------------------ zoom and labels
  var box = (function () {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    function add(x, y, w, h) { x0 = Math.min(x0, x - w); y0 = Math.min(y0, y - h); x1 = Math.max(x1, x + w); y1 = Math.max(y1, y + h); }
    people.forEach(function (p) { if (p.drawn) add(p.x, p.y, p.r, p.r); });
    schools.forEach(function (s) { if (s.w > 0) add(s.x, s.y, s.w / 2, s.h / 2); });
    if (!isFinite(x0)) { x0 = y0 = 0; x1 = y1 = 100; }
    return { x: x0 - 40, y: y0 - 20, w: x1 - x0 + 80, h: y1 - y0 + 40 };
  })();
  var stage = document.querySelector('#map .map-stage');
  // The stage's size, read once and then told by a ResizeObserver, which reports after the
  // browser's own layout (the card opening narrows the stage): reading it after a change of
  // classes would force the browser to restyle the whole drawing there and then.
  var stageSize = { w: stage.clientWidth || 800, h: stage.clientHeight || 600 };
  // When the stage changes size (the window, a screenshot tool) and no one is in focus, the map
  // is fitted again here, with the new size: a window 'resize' handler would run before the
  // layout and fit the map to the old size.
  new ResizeObserver(function (entries) {
    var r = entries[entries.length - 1].contentRect;
    if (!(r.width > 0 && r.height > 0) || (r.width === stageSize.w && r.height === stageSize.h)) return;
    stageSize = { w: r.width, h: r.height };
    if (!focus) fit(false);
  }).observe(stage);
  // The extent from the cached stage size: d3-zoom's default reads the SVG's width, which forces a
  // layout of the whole drawing in the middle of a focus.
  var zoom = d3.zoom().extent(function () { return [[0, 0], [stageSize.w, stageSize.h]]; }).scaleExtent([0.05, 60]).on('zoom', function (event) {
    root.attr('transform', event.transform);
    sizeLabels(event.transform.k);
  }).on('end', tidyLater);
  // Once a zoom or pan ends, or what is shown changes: when the browser is next idle (the frame
  // that answers a focus or a drag comes first), the lines and names now in view are made and
  // the names are moved apart.
  var tidyPending = false;
  function tidyLater() {
    if (tidyPending) return;
    tidyPending = true;
    (window.requestIdleCallback || setTimeout)(function () {
      tidyPending = false;
      linesInView(d3.zoomTransform(svg.node()));
      spreadLabels();
    });
  }
  // Names shown close together are moved apart so they do not overlap: first the focused
  // person's, then the other lit names, then the district team's, then school leaders', then
  // the rest, each to the first free place to the right of its dot (0, ±1, ±2 lines), else to
  // the left (0, ±1, ±2), else further right (±3, ±4) (names not in focus: 0 or ±1 line, right
  // or left); else it stays where it is. School names stay, and names keep clear of them and of
  // the district team's dots. A name in focus moved two lines or more is joined to its dot by a
  // thin line, so that in a crowded school it still reads as that dot's.
  var labelShift = new Float64Array(people.length), labelLeft = new Uint8Array(people.length);  // shift in lines (em)
  // Where a school's name may go, in order: the top of its box, the bottom, just above it (the
  // edge its y is on, and the baseline's offset from that edge in em).
  var SCHOOL_PLACES = [{ bottom: false, dy: 1.1 }, { bottom: true, dy: -0.45 }, { bottom: false, dy: -0.35 }];
  var schoolPlace = new Uint8Array(schools.length);  // index into SCHOOL_PLACES
  var PLACES = [[0, 0], [0, 1], [0, -1], [0, 2], [0, -2], [1, 0], [1, 1], [1, -1], [1, 2], [1, -2], [0, 3], [0, -3], [0, 4], [0, -4]];
  // Names not in focus move only beside their dot (a line up or down, or to its left): further
  // away, on the overview, a name would read as someone else's.
  var NEAR = [[0, 0], [0, 1], [0, -1], [1, 0], [1, 1], [1, -1]];
  function spreadLabels() {
    var em = parseFloat(gLabels.style('font-size')) || 1, placed = [], items = [];
    function hits(x0, y0, x1, y1) {
      return placed.some(function (b) { return x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1; });
    }
    // A school's name sits at the top of its box; where it would cover another school's name it
    // goes to the bottom of its box, else just above the box.
    schoolLabels.forEach(function (l, i) {
      if (!l || l.classList.contains('dimmed')) return;
      var b = l.getBBox(), s = schools[i];
      if (!b.width) return;
      var fs = parseFloat(l.style.fontSize) || b.height / 1.2, where = 0, box = null;
      if (s.box) {
        SCHOOL_PLACES.some(function (c, k) {
          var baseline = s.y + (c.bottom ? s.h / 2 : -s.h / 2) + c.dy * fs;
          var q = [s.x - b.width / 2, baseline - 0.95 * fs, s.x + b.width / 2, baseline + 0.3 * fs];
          if (hits(q[0], q[1], q[2], q[3])) return false;
          where = k; box = q;
          return true;
        });
        if (schoolPlace[i] !== where) {
          schoolPlace[i] = where;
          l.setAttribute('y', s.y + (SCHOOL_PLACES[where].bottom ? s.h / 2 : -s.h / 2));
          l.setAttribute('dy', SCHOOL_PLACES[where].dy + 'em');
        }
      }
      if (!box) { b = l.getBBox(); box = [b.x, b.y, b.x + b.width, b.y + b.height]; }
      placed.push(box);
    });
    // The district team's dots, large and in the middle of the web, are kept clear too.
    people.forEach(function (p, i) {
      if (p.role === 'district_team' && drawn[i] && visible[i] && personState[i] !== 2) placed.push([p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r]);
    });
    labels.forEach(function (l, i) {
      if (!l) return;
      var b = l.getBBox();
      if (!b.width) return;  // not shown
      var p = people[i], gap = Math.max(p.r, 2) + 2;
      var rank = i === focusedPerson ? 0 : personState[i] === 1 ? 1 : p.role === 'district_team' ? 2 : leader(p) ? 3 : 4;
      // h: the name's box and a little air (the drawn glyphs reach past getBBox's box)
      items.push({ i: i, rank: rank, x: p.x, gap: gap, w: b.width, y0: b.y - labelShift[i] * em, h: b.height * 1.2 });
    });
    items.sort(function (a, b) { return a.rank - b.rank || a.y0 - b.y0; });
    var leaderLines = [];
    items.forEach(function (it) {
      function boxAt(q) {
        var x0 = q[0] ? it.x - it.gap - it.w : it.x + it.gap, y0 = it.y0 + q[1] * it.h;
        return [x0, y0, x0 + it.w, y0 + it.h];
      }
      var place = PLACES[0];
      (it.rank <= 1 ? PLACES : NEAR).some(function (q) {
        var b = boxAt(q);
        if (hits(b[0], b[1], b[2], b[3])) return false;
        place = q;
        return true;
      });
      var left = place[0], shift = place[1] * it.h / em, at = boxAt(place);
      placed.push(at);
      if (Math.abs(place[1]) >= 2) {  // from the dot's edge to the middle of the name's near end
        var p = people[it.i], tx = left ? at[2] : at[0], ty = (at[1] + at[3]) / 2, d = Math.hypot(tx - p.x, ty - p.y) || 1;
        leaderLines.push({ id: p.id, x1: p.x + (tx - p.x) / d * p.r, y1: p.y + (ty - p.y) / d * p.r, x2: tx, y2: ty });
      }
      var l = labels[it.i];
      if (labelShift[it.i] !== shift) { labelShift[it.i] = shift; l.setAttribute('dy', (0.35 + shift) + 'em'); }
      if (labelLeft[it.i] !== left) {
        labelLeft[it.i] = left;
        l.setAttribute('dx', String(left ? -it.gap : it.gap));
        l.setAttribute('text-anchor', left ? 'end' : 'start');
      }
    });
    gLeaders.selectAll('line').data(leaderLines).join('line')
      .attr('data-for', function (d) { return d.id; })
      .attr('x1', function (d) { return d.x1; }).attr('y1', function (d) { return d.y1; })
      .attr('x2', function (d) { return d.x2; }).attr('y2', function (d) { return d.y2; });
  }
  // Large districts, zoomed in: makes the pending lines and names of the schools whose box is in
  // view (and of the people with no school whose dot is), each school once.
  function linesInView(t) {
    if (!large || t.k / fitted < 3) return;
    var x0 = t.invertX(0), x1 = t.invertX(stageSize.w), y0 = t.invertY(0), y1 = t.invertY(stageSize.h);
    var list = [], named = [];
    function take(i) {
      if (!drawn[i]) return;
      named.push(i);
      incident[i].forEach(function (k) { if (pending[k]) list.push(k); });
    }
    schools.forEach(function (s, i) {
      if (schoolLinesMade[i] || !(s.w > 0) || s.x + s.w / 2 < x0 || s.x - s.w / 2 > x1 || s.y + s.h / 2 < y0 || s.y - s.h / 2 > y1) return;
      schoolLinesMade[i] = 1;
      s.people.forEach(take);
    });
    unboxed.forEach(function (i) { var p = people[i]; if (p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) take(i); });
    if (list.length) makeLines(list);
    if (named.length) makeLabels(named);
  }
  svg.call(zoom).on('dblclick.zoom', null);
  svg.on('click', function () { clearFocus(); });
  // Labels: 10 CSS px when the map is fitted, growing with the zoom up to 18 px; names of everyone
  // appear once people are far enough apart to read them.
  var fitted = 1;
  function sizeLabels(k) {
    var px = Math.min(18, 10 * Math.max(1, Math.pow(k / fitted, 0.35)));
    gLabels.style('font-size', (px / k) + 'px');
    // Lines keep about one CSS pixel whatever the zoom (one attribute, not one per line).
    gTies.style('--w', String(1.2 / k));
    svg.classed('quiet-ties', large && k / fitted < 3);
    gLabels.selectAll('text.school').style('font-size', (Math.max(11, px + 1) / k) + 'px');
    svg.classed('show-all', k / fitted >= (data.whole && people.length > 400 ? 5 : 2.5));
  }
  function fit(animate) {
    var w = stageSize.w, h = stageSize.h;
    fitted = Math.min(w / box.w, h / box.h);
    var t = d3.zoomIdentity.translate(w / 2 - fitted * (box.x + box.w / 2), h / 2 - fitted * (box.y + box.h / 2)).scale(fitted);
    (animate ? svg.transition().duration(300) : svg).call(zoom.transform, t);
  }
  function zoomTo(points) {
    if (!points.length) return;
    var w = stageSize.w, h = stageSize.h;
    var padX = 150, padY = 50;  // screen pixels: names run to the right of their dot
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var current = d3.zoomTransform(svg.node());
    var k = Math.min((w - 2 * padX) / Math.max(x1 - x0, 1), (h - 2 * padY) / Math.max(y1 - y0, 1), Math.max(current.k, fitted * 4));
    k = Math.max(k, fitted);
    // Keep the present view when everything of interest is already in it.
    var inside = points.every(function (p) {
      var q = current.apply(p);
      return q[0] > padX / 2 && q[0] < w - padX && q[1] > padY && q[1] < h - padY;
    });
    if (inside && current.k >= k * 0.5) return;
    var t = d3.zoomIdentity.translate(w / 2 - k * (x0 + x1) / 2, h / 2 - k * (y0 + y1) / 2).scale(k);
    svg.transition().duration(350).call(zoom.transform, t);
  }
  document.getElementById('map-zoom-in').addEventListener('click', function () { svg.transition().duration(200).call(zoom.scaleBy, 1.6); });
  document.getElementById('map-zoom-out').addEventListener('click', function () { svg.transition().duration(200).call(zoom.scaleBy, 1 / 1.6); });
  document.getElementById('map-fit').addEventListener('click', function () { fit(true); });

  // ------------------------------------------------------------------ colour
  var colourSelect = document.getElementById('map-colour'), schoolColourSelect = document.getElementById('map-school-colour');
  function option(select, value, text) { var o = el('option', text); o.value = value; select.appendChild(o); }
  option(colourSelect, 'role', 'role');
  data.attributes.forEach(function (a, k) { option(colourSelect, 'a' + k, words(a)); });
  option(colourSelect, 'risk', 'isolation risk');
  data.metrics.forEach(function (m, k) { option(colourSelect, 'm' + k, words(m)); });
  option(schoolColourSelect, 'none', 'nothing');
  data.participation.forEach(function (m, k) { option(schoolColourSelect, 'p' + k, words(m.name) + (m.higher ? '' : ' (lower is better)')); });
  if (!data.participation.length) schoolColourSelect.disabled = true;
  var legend = document.getElementById('map-legend');

  function categorical(values, order) {
    var seen = [];
    values.forEach(function (v) { if (seen.indexOf(v) < 0) seen.push(v); });
    seen.sort(function (a, b) {
      var ia = order ? order.indexOf(a) : -1, ib = order ? order.indexOf(b) : -1;
      if (ia !== ib) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
      return a === '' ? 1 : b === '' ? -1 : String(a).localeCompare(String(b), undefined, { numeric: true });
    });
    var colours = {};
    var k = 0;
    seen.forEach(function (v) { colours[v] = v === '' ? '#DDDDDD' : OKABE_ITO[k++ % OKABE_ITO.length]; });
    return { keys: seen, colours: colours };
  }
  function legendKey(parent, swatch, colour, text) {
    var row = el('div', null, 'key');
    var s = el('span', null, swatch);
    if (swatch === 'line' || swatch === 'line dashed') s.style.borderTopColor = colour; else s.style.background = colour;
    row.appendChild(s);
    row.appendChild(el('span', text));
    parent.appendChild(row);
  }
  function legendRamp(parent, lo, hi, lowText, highText) {
    var ramp = el('div', null, 'ramp');
    var stops = [];
    for (var i = 0; i <= 10; i++) stops.push(d3.interpolateCividis(i / 10) + ' ' + (i * 10) + '%');
    ramp.style.background = 'linear-gradient(to right, ' + stops.join(', ') + ')';
    parent.appendChild(ramp);
    var ends = el('div', null, 'ends');
    ends.appendChild(el('span', fmt(lo) + (lowText ? ' ' + lowText : '')));
    ends.appendChild(el('span', fmt(hi) + (highText ? ' ' + highText : '')));
    parent.appendChild(ends);
  }
  var personFill = new Array(people.length);
  function colourPeople() {
    var how = colourSelect.value;
    var part = el('div');
    part.appendChild(el('h4', 'People: ' + colourSelect.options[colourSelect.selectedIndex].textContent));
    if (how === 'role') {
      var roles = categorical(people.map(function (p) { return p.role; }), ROLE_ORDER);
      roles.keys.forEach(function (r) { legendKey(part, 'dot', data.roles[r] || '#999999', roleWords(r)); });
      people.forEach(function (p, i) { personFill[i] = data.roles[p.role] || '#999999'; });
    } else if (how === 'risk') {
      var present = {};
      people.forEach(function (p) { present[p.risk] = true; });
      var colours = {};
      RISK.forEach(function (r) { colours[r[0]] = r[1]; if (present[r[0]]) legendKey(part, 'dot', r[1], riskWords(r[0])); });
      people.forEach(function (p, i) { personFill[i] = colours[p.risk] || '#FFFFFF'; });
    } else if (how[0] === 'a') {
      var k = +how.slice(1);
      var groups = categorical(people.map(function (p) { return p.a[k] || ''; }));
      groups.keys.slice(0, 12).forEach(function (g) { legendKey(part, 'dot', groups.colours[g], g === '' ? '(blank)' : g); });
      if (groups.keys.length > 12) part.appendChild(el('p', (groups.keys.length - 12) + ' more groups share these colours', 'hint'));
      people.forEach(function (p, i) { personFill[i] = groups.colours[p.a[k] || '']; });
    } else {
      var m = +how.slice(1);
      var values = people.map(function (p) { return p.m[m]; }).filter(function (x) { return x !== null; });
      var lo = values.length ? Math.min.apply(null, values) : 0, hi = values.length ? Math.max.apply(null, values) : 1;
      legendRamp(part, lo, hi, 'low', 'high');
      legendKey(part, 'dot', '#FFFFFF', 'not defined');
      people.forEach(function (p, i) {
        var x = p.m[m];
        personFill[i] = x === null ? '#FFFFFF' : d3.interpolateCividis(hi > lo ? (x - lo) / (hi - lo) : 0.5);
      });
    }
    people.forEach(function (p, i) { if (circles[i]) circles[i].setAttribute('fill', personFill[i]); });
    renderLegend(part, null);
  }
  var schoolPart = null;
  function colourSchools() {
    var how = schoolColourSelect.value;
    schoolPart = null;
    if (how === 'none') {
      schoolShapes.forEach(function (s) { if (s) s.style.fill = ''; });
    } else {
      var k = +how.slice(1), measure = data.participation[k];
      var values = schools.map(function (s) { return s.p[k]; }).filter(function (x) { return x !== null; });
      var lo = values.length ? Math.min.apply(null, values) : 0, hi = values.length ? Math.max.apply(null, values) : 1;
      schoolPart = el('div');
      schoolPart.appendChild(el('h4', 'Schools: ' + words(measure.name)));
      legendRamp(schoolPart, lo, hi, measure.higher ? '' : '(better)', measure.higher ? '(better)' : '');
      legendKey(schoolPart, 'box', '#f3f5f7', 'no figure');
      schools.forEach(function (s, i) {
        if (!schoolShapes[i]) return;
        var x = s.p[k];
        var c = x === null ? null : d3.color(d3.interpolateCividis(hi > lo ? (x - lo) / (hi - lo) : 0.5));
        if (c) c.opacity = 0.45;
        schoolShapes[i].style.fill = c ? c.formatRgb() : '';
      });
    }
    renderLegend(null, schoolPart);
  }
  var peoplePart = null;
  function renderLegend(people, school) {
    if (people) peoplePart = people;
    legend.textContent = '';
    if (peoplePart) legend.appendChild(peoplePart);
    if (schoolPart) legend.appendChild(schoolPart);
    var tiesPart = el('div');
    tiesPart.appendChild(el('h4', 'Ties'));
    data.types.forEach(function (t) { legendKey(tiesPart, t.close ? 'line' : 'line dashed', t.colour, words(t.name) + (t.close ? ' (close)' : '')); });
    legend.appendChild(tiesPart);
  }
  colourSelect.addEventListener('change', colourPeople);
  schoolColourSelect.addEventListener('change', colourSchools);

  // ------------------------------------------------------------------ filters
  function checkbox(parent, value, text, checked) {
    var label = el('label');
    var box = document.createElement('input');
    box.type = 'checkbox'; box.value = value; box.checked = checked;
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + text));
    parent.appendChild(label);
    box.addEventListener('change', applyFilters);
    return box;
  }
  var roleBoxes = categorical(people.map(function (p) { return p.role; }), ROLE_ORDER).keys.map(function (r) {
    var n = people.filter(function (p) { return p.role === r; }).length;
    return checkbox(document.getElementById('map-filter-role'), r, roleWords(r) + ' (' + n + ')', true);
  });
  var typeBoxes = data.types.map(function (t, k) {
    return checkbox(document.getElementById('map-filter-type'), String(k), words(t.name) + (t.close ? ' (close)' : ''), true);
  });
  var riskBoxes = RISK.filter(function (r) { return people.some(function (p) { return p.risk === r[0]; }); }).map(function (r) {
    var n = people.filter(function (p) { return p.risk === r[0]; }).length;
    return checkbox(document.getElementById('map-filter-risk'), r[0], riskWords(r[0]) + ' (' + n + ')', true);
  });
  var schoolList = document.getElementById('map-school-list');
  var schoolBoxes = schools.map(function (s) { return checkbox(schoolList, s.id, s.name + ' (' + s.people.length + ')', false); });
  var teamPlus = document.getElementById('map-team-plus');
  teamPlus.addEventListener('change', applyFilters);
  document.getElementById('map-reset').addEventListener('click', function () {
    roleBoxes.concat(typeBoxes, riskBoxes).forEach(function (b) { b.checked = true; });
    schoolBoxes.forEach(function (b) { b.checked = false; });
    teamPlus.checked = false;
    applyFilters();
  });

  var visible = new Uint8Array(people.length).fill(1), tieVisible = new Uint8Array(ties.length).fill(1);
  function applyFilters() {
    var roles = {}, types = {}, levels = {}, chosen = {};
    roleBoxes.forEach(function (b) { roles[b.value] = b.checked; });
    typeBoxes.forEach(function (b) { types[b.value] = b.checked; });
    riskBoxes.forEach(function (b) { levels[b.value] = b.checked; });
    var anySchool = false;
    schoolBoxes.forEach(function (b, i) { if (b.checked) { chosen[i] = true; anySchool = true; } });
    var onlyTeamAndChosen = teamPlus.checked;
    people.forEach(function (p, i) {
      var inSchool = !anySchool || (p.school !== null && chosen[p.school]);
      if (onlyTeamAndChosen) inSchool = p.role === 'district_team' || (anySchool && p.school !== null && chosen[p.school]);
      var now = roles[p.role] !== false && levels[p.risk] !== false && inSchool ? 1 : 0;
      visible[i] = now;
      restylePerson(i);
    });
    ties.forEach(function (t, k) {
      var now = visible[t[0]] && visible[t[1]] && types[String(t[2])] ? 1 : 0;
      tieVisible[k] = now;
      restyleTie(k);
    });
    schools.forEach(function (s, i) {
      var off = (anySchool && !chosen[i]) || (onlyTeamAndChosen && !chosen[i]);
      if (schoolShapes[i]) schoolShapes[i].classList.toggle('filtered', off);
      if (schoolLabels[i]) schoolLabels[i].classList.toggle('filtered', off);
    });
    var shown = 0, shownTies = 0;
    for (var i = 0; i < people.length; i++) shown += visible[i] && drawn[i];
    for (var k = 0; k < ties.length; k++) shownTies += tieVisible[k] && drawn[ties[k][0]] && drawn[ties[k][1]] ? 1 : 0;
    status(shown + ' of ' + people.length + ' people and ' + shownTies + ' of ' + ties.length + ' ties shown' +
           (data.whole ? '' : ' (choose a school or a person to draw its people)'));
    if (focus) refocus();
    tidyLater();
  }
  function status(text) { document.getElementById('map-status').textContent = text; }

  // ------------------------------------------------------------------ focus and the card
  var focus = null;  // { kind: 'person' | 'school', index }
  var card = document.getElementById('map-card');
  // 0: normal, 1: lit, 2: dimmed; elements are touched only when their state changes.
  var personState = new Uint8Array(people.length), tieState = new Uint8Array(ties.length);
  var focusedPerson = -1;
  function restylePerson(i) {
    if (!circles[i]) return;
    var state = personState[i], filtered = visible[i] ? '' : ' filtered';
    var c = (circleClass[i] + filtered + (state === 2 ? ' dimmed' : state === 1 ? ' lit' : '') + (i === focusedPerson ? ' focused' : '')).trim();
    // A label is only marked when lit: while focusing, the others are hidden by one rule on the
    // drawing (half as many elements change class in a focus).
    var l = labelClass[i] + filtered + (state === 1 ? ' lit' : '');
    if (circleNow[i] !== c) { circleNow[i] = c; circles[i].setAttribute('class', c); }
    if (labels[i] && labels[i].getAttribute('class') !== l) labels[i].setAttribute('class', l);
  }
  function restyleTie(k) {
    if (!lines[k]) return;
    var state = tieState[k];
    var c = (lineBase[k] + (tieVisible[k] ? '' : ' filtered') + (state === 2 ? ' dimmed' : state === 1 ? ' lit' : '')).trim();
    if (tieClass[k] !== c) { tieClass[k] = c; lines[k].setAttribute('class', c); }
  }
  function setPerson(i, state) {
    if (personState[i] === state) return;
    personState[i] = state;
    restylePerson(i);
  }
  function setTie(k, state) {
    if (tieState[k] === state) return;
    tieState[k] = state;
    restyleTie(k);
  }
  function setFocused(i) {
    var before = focusedPerson;
    focusedPerson = i;
    if (before >= 0) restylePerson(before);
    if (i >= 0) restylePerson(i);
  }
  function setDimmed(litPeople, litTies, litSchool) {
    makeLabels(Array.from(litPeople));
    svg.classed('focusing', true);
    for (var i = 0; i < people.length; i++) setPerson(i, litPeople.has(i) ? 1 : 2);
    for (var k = 0; k < ties.length; k++) setTie(k, litTies.has(k) ? 1 : 2);
    schoolShapes.forEach(function (s, i) { if (s) s.classList.toggle('dimmed', litSchool !== i && !litSchoolsOf(litPeople).has(i)); });
    schoolLabels.forEach(function (s, i) { if (s) s.classList.toggle('dimmed', litSchool !== i && !litSchoolsOf(litPeople).has(i)); });
    tidyLater();
  }
  var litSchoolsCache = null;
  function litSchoolsOf(litPeople) {
    if (litSchoolsCache && litSchoolsCache.people === litPeople) return litSchoolsCache.schools;
    var set = new Set();
    litPeople.forEach(function (i) { if (people[i].school !== null) set.add(people[i].school); });
    litSchoolsCache = { people: litPeople, schools: set };
    return set;
  }
  function clearFocus() {
    focus = null;
    svg.classed('focusing', false);
    for (var i = 0; i < people.length; i++) setPerson(i, 0);
    for (var k = 0; k < ties.length; k++) setTie(k, 0);
    setFocused(-1);
    gSchools.selectAll('.dimmed, .focused').classed('dimmed', false).classed('focused', false);
    schoolLabels.forEach(function (l) { if (l) l.classList.remove('dimmed'); });
    showGuide();
    tidyLater();
    if (location.hash.indexOf('#focus=') === 0) setTimeout(function () { history.replaceState(null, '', location.pathname + location.search); }, 0);
  }
  // After the frame: changing the address re-evaluates :target, which would force the style of
  // every element to be recomputed at once, a second time.
  function share(id) { setTimeout(function () { history.replaceState(null, '', '#focus=' + encodeURIComponent(id)); }, 0); }

  // Ties shown by the filters, with their kinds, grouped by the other person.
  function tiesOf(i) {
    var others = new Map();
    incident[i].forEach(function (k) {
      if (!tieVisible[k]) return;
      var t = ties[k], other = t[0] === i ? t[1] : t[0];
      if (!others.has(other)) others.set(other, { kinds: [], ties: [], out: false, in: false });
      var o = others.get(other);
      var name = words((data.types[t[2]] || { name: '?' }).name);
      if (o.kinds.indexOf(name) < 0) o.kinds.push(name);
      o.ties.push(k);
      if (t[0] === i) o.out = true; else o.in = true;
    });
    return others;
  }
  function personButton(i, text) {
    var b = el('button', text || people[i].name, 'link');
    b.type = 'button';
    b.addEventListener('click', function () { focusPerson(i); });
    return b;
  }
  function schoolButton(s) {
    var b = el('button', schools[s].name, 'link');
    b.type = 'button';
    b.addEventListener('click', function () { focusSchool(s); });
    return b;
  }
  function riskPill(level) {
    var pill = el('span', riskWords(level), 'pill ' + (level === 'no data' ? 'nodata' : level || 'none'));
    return pill;
  }
  function openCard(build) {
    card.textContent = '';
    var close = el('button', '×', 'close');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', clearFocus);
    card.appendChild(close);
    build(card);
    card.classList.remove('guide');
  }
  // With no one in focus the card says how to choose someone. The card's column stays, so the
  // map keeps its size (and its drawing is not laid out again) when someone is chosen.
  function showGuide() {
    card.textContent = '';
    card.classList.add('guide');
    card.appendChild(el('h3', 'Choose a person or a school'));
    card.appendChild(el('p', 'Type part of a name in "Find a person or school", or click a dot or a school on the map.'));
    card.appendChild(el('p', 'Their ties, isolation risk and suggested contacts show here, and the rest of the map fades.', 'sub'));
  }
  function list(parent, title, items, empty) {
    parent.appendChild(el('h4', title));
    if (!items.length) { parent.appendChild(el('p', empty, 'sub')); return; }
    var ul = el('ul');
    items.forEach(function (build) { var li = el('li'); build(li); ul.appendChild(li); });
    parent.appendChild(ul);
  }

  function focusPerson(i, quiet, still) {
    var p = people[i];
    if (!drawn[i]) draw(p.school !== null ? schools[p.school].people : [i]);
    var others = tiesOf(i);
    if (!data.whole) draw(Array.from(others.keys()));
    focus = { kind: 'person', index: i };
    var lit = new Set([i]), litTies = new Set();
    others.forEach(function (o, j) { lit.add(j); o.ties.forEach(function (k) { litTies.add(k); }); });
    makeLines(Array.from(litTies));
    setDimmed(lit, litTies, -1);
    gSchools.selectAll('.focused').classed('focused', false);
    setFocused(i);
    if (!quiet) share(p.id);
    openCard(function (c) {
      c.appendChild(el('h3', p.name));
      c.appendChild(el('p', roleWords(p.role) + (p.school !== null ? ' at ' : ''), 'sub'));
      if (p.school !== null) c.lastChild.appendChild(schoolButton(p.school));
      else if (p.school_id) c.lastChild.appendChild(document.createTextNode(' (' + p.school_id + ')'));
      var risk = el('p');
      risk.appendChild(document.createTextNode('Isolation risk: '));
      risk.appendChild(riskPill(p.risk));
      c.appendChild(risk);
      if (p.why.length && data.risk_ties) c.appendChild(el('p', 'Risk counts ' + data.risk_ties + ' ties.', 'sub'));
      if (p.why.length) list(c, 'Why', p.why.map(function (r) { return function (li) { li.textContent = r; }; }), '');
      var sorted = Array.from(others.keys()).sort(function (a, b) { return byName.compare(people[a].name, people[b].name); });
      list(c, 'Ties (' + sorted.length + ')', sorted.map(function (j) {
        return function (li) {
          var o = others.get(j);
          li.appendChild(personButton(j));
          var arrow = !data.directed ? '' : o.out && o.in ? ' (both named each other)' : o.out ? ' (named by ' + p.name + ')' : ' (named ' + p.name + ')';
          li.appendChild(document.createTextNode(' — ' + o.kinds.join(', ') + arrow + '; ' + roleWords(people[j].role) +
                                                 (people[j].school !== null ? ', ' + schoolName(people[j].school) : '')));
        };
      }), 'No ties are shown (check the filters).');
      if (p.c.length) list(c, 'Suggested contacts', p.c.map(function (contact) {
        return function (li) {
          li.appendChild(personButton(contact.m));
          li.appendChild(document.createTextNode(' (' + contact.why + ')'));
          if (contact.via.length) {
            li.appendChild(document.createTextNode('; ask '));
            contact.via.slice(0, 3).forEach(function (v, n) {
              if (n) li.appendChild(document.createTextNode(n === Math.min(3, contact.via.length) - 1 ? ' or ' : ', '));
              li.appendChild(personButton(v));
            });
            li.appendChild(document.createTextNode(' to introduce them'));
          }
        };
      }), '');
      if (p.m.length) {
        c.appendChild(el('h4', 'Measures'));
        var table = el('table');
        data.metrics.forEach(function (m, k) {
          var row = el('tr'); row.appendChild(el('td', words(m))); row.appendChild(el('td', fmt(p.m[k]), 'n')); table.appendChild(row);
        });
        c.appendChild(table);
      }
      if (data.attributes.length) {
        var attrs = el('table');
        data.attributes.forEach(function (a, k) {
          var row = el('tr'); row.appendChild(el('td', words(a))); row.appendChild(el('td', p.a[k] || '–')); attrs.appendChild(row);
        });
        c.appendChild(el('h4', 'From people.csv'));
        c.appendChild(attrs);
      }
    });
    if (!still) zoomTo(Array.from(lit).map(function (j) { return [people[j].x, people[j].y]; }));
  }

  function focusSchool(s, quiet, still) {
    var school = schools[s];
    draw(school.people);
    focus = { kind: 'school', index: s };
    var members = new Set(school.people), lit = new Set(school.people), litTies = new Set();
    var links = new Map();  // district team member -> ties to the school's people
    school.people.forEach(function (i) {
      incident[i].forEach(function (k) {
        if (!tieVisible[k] && drawn[ties[k][0]] && drawn[ties[k][1]]) return;
        var t = ties[k], other = t[0] === i ? t[1] : t[0];
        if (members.has(other)) { litTies.add(k); return; }
        if (people[other].role !== 'district_team') return;
        if (!links.has(other)) links.set(other, { people: new Set(), close: false });
        links.get(other).people.add(i);
        if ((data.types[t[2]] || {}).close) links.get(other).close = true;
        lit.add(other);
        litTies.add(k);
      });
    });
    if (!data.whole) draw(Array.from(links.keys()));
    makeLines(Array.from(litTies));
    setDimmed(lit, litTies, s);
    setFocused(-1);
    gSchools.selectAll('.focused').classed('focused', false);
    if (schoolShapes[s]) schoolShapes[s].classList.add('focused');
    if (!quiet) share(school.id);
    openCard(function (c) {
      c.appendChild(el('h3', school.name));
      c.appendChild(el('p', 'School · ' + school.people.length + ' people', 'sub'));
      if (school.risk) {
        var risk = el('p');
        risk.appendChild(document.createTextNode('Isolation risk: '));
        risk.appendChild(riskPill(school.risk));
        c.appendChild(risk);
      }
      if (school.why.length && data.risk_ties) c.appendChild(el('p', 'Risk counts ' + data.risk_ties + ' ties; the district links below are of every kind.', 'sub'));
      if (school.why.length) list(c, 'Why', school.why.map(function (r) { return function (li) { li.textContent = r; }; }), '');
      if (data.participation.length) {
        c.appendChild(el('h4', 'Participation'));
        var table = el('table');
        data.participation.forEach(function (m, k) {
          var row = el('tr');
          row.appendChild(el('td', words(m.name) + (m.higher ? '' : ' (lower is better)')));
          row.appendChild(el('td', fmt(school.p[k]), 'n'));
          table.appendChild(row);
        });
        c.appendChild(table);
      }
      var team = Array.from(links.keys()).sort(function (a, b) { return links.get(b).people.size - links.get(a).people.size; });
      list(c, 'District links (' + team.length + ')', team.map(function (m) {
        return function (li) {
          var l = links.get(m);
          li.appendChild(personButton(m));
          li.appendChild(document.createTextNode(' knows ' + l.people.size + (l.people.size === 1 ? ' person' : ' people') +
                                                 ' here' + (l.close ? ', with a close tie' : ', no close tie')));
        };
      }), 'No one on the district team has a tie here.');
      if (school.c.length) list(c, 'Suggested contacts', school.c.map(function (contact) {
        return function (li) { li.appendChild(personButton(contact.m)); li.appendChild(document.createTextNode(' (' + contact.why + ')')); };
      }), '');
      var order = school.people.slice().sort(function (a, b) {
        var ra = ROLE_ORDER.indexOf(people[a].role), rb = ROLE_ORDER.indexOf(people[b].role);
        return ra !== rb ? ra - rb : byName.compare(people[a].name, people[b].name);
      });
      list(c, 'People (' + order.length + ')', order.map(function (i) {
        return function (li) {
          li.appendChild(personButton(i));
          li.appendChild(document.createTextNode(' — ' + roleWords(people[i].role) + ', risk: ' + riskWords(people[i].risk)));
        };
      }), 'No one from this school is in the network.');
    });
    var points = school.w > 0 ? [[school.x - school.w / 2, school.y - school.h / 2], [school.x + school.w / 2, school.y + school.h / 2]] : [];
    links.forEach(function (l, m) { points.push([people[m].x, people[m].y]); });
    if (!still) zoomTo(points);
  }
  function refocus() {
    if (focus.kind === 'person') focusPerson(focus.index, true, true); else focusSchool(focus.index, true, true);
  }

  // ------------------------------------------------------------------ search
  var search = document.getElementById('map-search'), suggestions = document.getElementById('map-suggestions');
  var choices = [], active = -1;
  function suggest() {
    var q = fold(search.value.trim());
    suggestions.textContent = '';
    choices = [];
    active = -1;
    if (!q) { suggestions.hidden = true; search.setAttribute('aria-expanded', 'false'); return; }
    schools.forEach(function (s) { if (s.key.indexOf(q) >= 0 || fold(s.id) === q) choices.push({ kind: 'school', index: s.i }); });
    people.forEach(function (p) { if (p.key.indexOf(q) >= 0 || fold(p.id) === q) choices.push({ kind: 'person', index: p.i }); });
    // Names that start with the text first, then the rest, each alphabetically; at most 12.
    function starts(c) { return (c.kind === 'school' ? schools[c.index].key : people[c.index].key).indexOf(q) === 0 ? 0 : 1; }
    choices.sort(function (a, b) { return starts(a) - starts(b); });
    var more = choices.length - 12;
    choices = choices.slice(0, 12);
    choices.forEach(function (c, n) {
      var li = el('li');
      li.setAttribute('role', 'option');
      li.id = 'map-suggestion-' + n;
      if (c.kind === 'school') {
        li.setAttribute('data-school', schools[c.index].id);
        li.appendChild(el('span', schools[c.index].name));
        li.appendChild(el('small', 'school · ' + schools[c.index].people.length + ' people'));
      } else {
        var p = people[c.index];
        li.setAttribute('data-id', p.id);
        li.appendChild(el('span', p.name));
        li.appendChild(el('small', roleWords(p.role) + (p.school !== null ? ' · ' + schoolName(p.school) : '')));
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(n); });
      suggestions.appendChild(li);
    });
    if (!choices.length) suggestions.appendChild(el('li', 'No person or school matches'));
    else if (more > 0) suggestions.appendChild(el('li', more + ' more: type more of the name'));
    suggestions.hidden = false;
    search.setAttribute('aria-expanded', 'true');
  }
  function highlight(n) {
    active = n;
    Array.prototype.forEach.call(suggestions.children, function (li, k) { li.setAttribute('aria-selected', k === n ? 'true' : 'false'); });
    if (n >= 0) search.setAttribute('aria-activedescendant', 'map-suggestion-' + n);
  }
  function choose(n) {
    var c = choices[n];
    if (!c) return;
    suggestions.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.value = c.kind === 'school' ? schools[c.index].name : people[c.index].name;
    if (c.kind === 'school') focusSchool(c.index); else focusPerson(c.index);
  }
  search.addEventListener('input', suggest);
  search.addEventListener('focus', suggest);
  search.addEventListener('blur', function () { suggestions.hidden = true; search.setAttribute('aria-expanded', 'false'); });
  search.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(active + 1, choices.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(active >= 0 ? active : 0); }
    else if (e.key === 'Escape') { suggestions.hidden = true; clearFocus(); }
  });

  // ------------------------------------------------------------------ start
  function fromHash() {
    var m = /^#focus=(.*)$/.exec(location.hash);
    if (!m) return false;
    var id = decodeURIComponent(m[1]);
    if (byId.has(id)) { focusPerson(byId.get(id), true); return true; }
    if (schoolById.has(id)) { focusSchool(schoolById.get(id), true); return true; }
    return false;
  }
  var started = performance.now();
  showGuide();
  draw(people.filter(function (p) { return p.drawn; }).map(function (p) { return p.i; }));
  colourSchools();
  fit(false);
  var focused = fromHash();
  window.addEventListener('hashchange', fromHash);
  if (focused) {
    // The page jumps to the map when a link asks for someone.
    document.getElementById('map').scrollIntoView();
  }
  // For tests and scripts: how long the first drawing took, in milliseconds, and when the first
  // frame holding it was painted, in milliseconds since the page was opened (a timer set in the
  // next animation frame runs once that frame's style, layout and paint are done).
  block.setAttribute('data-drawn-ms', String(Math.round(performance.now() - started)));
  requestAnimationFrame(function () {
    setTimeout(function () { block.setAttribute('data-painted-ms', String(Math.round(performance.now()))); }, 0);
  });
})();
