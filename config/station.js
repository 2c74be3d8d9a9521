/* station.js - what the station's pages cannot do without a script: the
 * field's box drawn over its page, zoom and pan, and the keys (j/k to the
 * next/previous field needing a look, e to correct, c to confirm, d to
 * decide, + - 0 to zoom, g to the queue, ? for help). Everything else is
 * plain forms and links, which work without it. */
(function () {
	"use strict";
	var img = document.getElementById("page-img");
	var box = document.getElementById("page-box");
	var sheet = document.getElementById("sheet");
	var pane = document.getElementById("pane");
	var what = document.getElementById("viewer-what");
	var help = document.getElementById("help");
	var zoom = 1, current = null, shown = null;

	/* the image drawn at zoom times its pixels, the box over it likewise:
	 * the pane scrolls over the real size (a CSS transform would not) */
	function place() {
		if (!shown || !img.naturalWidth) return;
		var b = shown.getAttribute("data-box").split(",").map(Number);
		box.style.left = b[0] * zoom + "px";
		box.style.top = b[1] * zoom + "px";
		box.style.width = b[2] * zoom + "px";
		box.style.height = b[3] * zoom + "px";
		box.hidden = false;
	}

	function setZoom(z) {
		zoom = Math.max(0.05, Math.min(z, 6));
		if (img.naturalWidth) img.style.width = img.naturalWidth * zoom + "px";
		place();
	}

	/* the page fitted to the pane's width, then the box scrolled into view */
	function fit() {
		if (!img.naturalWidth) return;
		setZoom((pane.clientWidth - 4) / img.naturalWidth);
		if (!shown) return;
		var b = shown.getAttribute("data-box").split(",").map(Number);
		pane.scrollTop = Math.max(0, b[1] * zoom - pane.clientHeight / 3);
		pane.scrollLeft = Math.max(0, b[0] * zoom - 20);
	}

	function show(el) {
		if (!img || !el || !el.getAttribute("data-img")) return;
		shown = el;
		box.hidden = true;
		var src = el.getAttribute("data-img");
		/* a field's heading and its page, or a reading's document and
		 * page (its first cell says both) */
		var h = el.querySelector("h3"), td = el.querySelector("td");
		what.textContent = h ? h.textContent + "  " + src.split("/").slice(-2).join(" 第 ") + " 页"
			: td ? td.textContent : "";
		if (img.getAttribute("src") !== src) {
			img.onload = function () { place(); fit(); };
			img.setAttribute("src", src);
		} else {
			place();
			fit();
		}
	}

	function select(el) {
		if (!el) return;
		if (current) current.classList.remove("current");
		current = el;
		el.classList.add("current");
		el.scrollIntoView({block: "nearest"});
		el.focus({preventScroll: true});
		/* a field read from a Word or Excel cell has no page: another
		 * document's reading of it may (the licence's, beside the form's) */
		show(el.getAttribute("data-img") ? el : el.querySelector("tr.other[data-img]"));
	}

	function step(dir) {
		var list = Array.prototype.slice.call(document.querySelectorAll(".field.look"));
		if (!list.length) list = Array.prototype.slice.call(document.querySelectorAll(".field"));
		if (!list.length) return;
		var i = list.indexOf(current);
		i = i < 0 ? (dir > 0 ? 0 : list.length - 1) : (i + dir + list.length) % list.length;
		select(list[i]);
	}

	function typing(e) {
		var t = e.target.tagName;
		return t === "INPUT" || t === "SELECT" || t === "TEXTAREA";
	}

	document.addEventListener("click", function (e) {
		if (!e.target.closest) return;
		var f = e.target.closest(".field");
		if (f && !typing(e) && e.target.tagName !== "BUTTON") select(f);
		/* a reading in the table of the documents' readings: its page */
		var reading = e.target.closest("tr.other, tr.own");
		if (reading) show(reading);
	});

	document.addEventListener("keydown", function (e) {
		if (e.key === "Escape") {
			if (help) help.hidden = true;
			if (typing(e)) e.target.blur();
			return;
		}
		if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
		var k = e.key;
		if (k === "?") { if (help) help.hidden = !help.hidden; }
		else if (k === "j") step(1);
		else if (k === "k") step(-1);
		else if (k === "e" && current) {
			var v = current.querySelector("input.value");
			if (v) { v.focus(); v.select(); }
		} else if (k === "c" && current) {
			var c = current.querySelector("form.confirm");
			if (c) c.submit();
		} else if (k === "d") {
			var r = document.getElementById("decide-reason");
			if (r) r.focus();
		} else if (k === "g") { window.location.href = "/"; }
		else if (k === "+" || k === "=") setZoom(zoom * 1.25);
		else if (k === "-") setZoom(zoom / 1.25);
		else if (k === "0") fit();
		else return;
		e.preventDefault();
	});

	/* a correction's value field: Enter goes on to its reason first */
	document.querySelectorAll("form.correct input.value").forEach(function (v) {
		v.addEventListener("keydown", function (e) {
			if (e.key !== "Enter") return;
			var r = v.form.querySelector("input.reason");
			if (r && !r.value) { e.preventDefault(); r.focus(); }
		});
	});

	if (pane) {
		var drag = null;
		pane.addEventListener("mousedown", function (e) {
			drag = {x: e.clientX, y: e.clientY, l: pane.scrollLeft, t: pane.scrollTop};
			pane.classList.add("dragging");
			e.preventDefault();
		});
		window.addEventListener("mouseup", function () { drag = null; pane.classList.remove("dragging"); });
		window.addEventListener("mousemove", function (e) {
			if (!drag) return;
			pane.scrollLeft = drag.l - (e.clientX - drag.x);
			pane.scrollTop = drag.t - (e.clientY - drag.y);
		});
		pane.addEventListener("wheel", function (e) {
			if (!e.ctrlKey) return;
			e.preventDefault();
			setZoom(zoom * (e.deltaY < 0 ? 1.15 : 1 / 1.15));
		}, {passive: false});
		document.getElementById("zoom-in").addEventListener("click", function () { setZoom(zoom * 1.25); });
		document.getElementById("zoom-out").addEventListener("click", function () { setZoom(zoom / 1.25); });
		document.getElementById("zoom-reset").addEventListener("click", function () { setZoom(1); });
	}

	/* opened on a field (#f-name, as after a correction): that one, else
	 * the first that needs a look */
	var start = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
	if (start && start.classList.contains("field")) select(start);
	else if (document.querySelector(".field.look")) step(1);
})();
