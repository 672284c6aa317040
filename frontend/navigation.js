// Client-side navigation between Cascade's server-rendered pages.
//
// Every page is complete HTML from the server, and works without this script. With it, a click
// on a same-origin link, or the submission of a same-origin form, is fetched in the background
// and the new page replaces the old one without a reload: the app behaves as a single page,
// while the browser downloads only this file, and the WASM only once a page has an island.
// Within a page, islands do the rest (the coach browser updates its own results and history).
//
// Why not Leptos's own `islands-router`? In Leptos 0.8 it merges the new page into the old one
// node by node and never removes an attribute that the new page lacks (a radio stays `checked`,
// a link stays `aria-current`), and it leaves focus and scrolling where they were. Replacing
// the body and then moving focus to the new page's heading is simpler, and accessible.
//
// Attributes that change how a page is handled:
//   data-nav-focus           on any element of the new page: where focus goes after navigation
//                            (an error summary), before the main heading
//   data-owns-history="/p"   on an island: it keeps its own history entries at path /p, so Back
//                            and Forward between them are left to it

const HEADER = "X-Cascade-Navigation";
const SLOW_MS = 150;

let navigation = 0;
let controller = null;
// The address (without the fragment) of the page now on screen, to tell a real navigation from
// a jump to a fragment within the page.
let shownAddress = withoutHash(location.href);

history.replaceState({ ...history.state, cascade: true, scrollY: window.scrollY }, "");
history.scrollRestoration = "manual";

document.addEventListener("click", (event) => {
	const link = eligibleLink(event);
	if (!link) return;
	event.preventDefault();
	navigate(link.href, { fallback: () => location.assign(link.href) });
});

document.addEventListener("submit", (event) => {
	const form = event.target;
	if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
	const request = formRequest(form, event.submitter);
	if (!request) return;
	event.preventDefault();
	if (form.dataset.submitting === "true") return; // a double click: one request is enough
	const fallback = () => HTMLFormElement.prototype.submit.call(form);
	if (request.method === "POST") form.dataset.submitting = "true";
	navigate(request.url, {
		method: request.method,
		body: request.body,
		fallback,
	}).finally(() => {
		delete form.dataset.submitting;
	});
});

window.addEventListener("popstate", (event) => {
	// Only an island that is running (its WASM may be missing or still on its way).
	const owner = document.querySelector('[data-owns-history][data-ready="true"]');
	if (owner && owner.dataset.ownsHistory === location.pathname && new URL(shownAddress).pathname === location.pathname) {
		shownAddress = withoutHash(location.href); // the island on screen shows this entry
		return;
	}
	if (withoutHash(location.href) === shownAddress) return; // only the fragment changed
	navigate(location.href, {
		history: "none",
		scrollY: event.state?.scrollY ?? 0,
		fallback: () => location.reload(),
	});
});

function eligibleLink(event) {
	if (event.defaultPrevented || event.button !== 0) return null;
	if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
	const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
	if (!link || link.target || link.hasAttribute("download")) return null;
	if ((link.getAttribute("rel") || "").split(/\s+/).includes("external")) return null;
	const url = new URL(link.href);
	if (url.origin !== location.origin) return null;
	// A fragment of this very page: let the browser scroll.
	if (url.hash && withoutHash(url.href) === withoutHash(location.href)) return null;
	return link;
}

function formRequest(form, submitter) {
	// Attributes, not properties: a field named "action", "method" or "target" shadows the
	// form's own property of that name.
	if (form.getAttribute("target")) return null;
	const method = (submitter?.getAttribute("formmethod") || form.getAttribute("method") || "get").toUpperCase();
	if (method !== "GET" && method !== "POST") return null;
	const action = new URL(submitter?.getAttribute("formaction") || form.getAttribute("action") || location.href, location.href);
	if (action.origin !== location.origin) return null;
	const data = new FormData(form, submitter || undefined);
	const params = new URLSearchParams();
	for (const [name, value] of data) {
		if (typeof value !== "string") return null; // files: leave those to the browser
		// Empty filters add nothing to a search's address but noise.
		if (method === "GET" && value === "") continue;
		params.append(name, value);
	}
	if (method === "GET") {
		action.search = params.toString();
		return { method, url: action.href, body: undefined };
	}
	return { method, url: action.href, body: params };
}

async function navigate(url, options) {
	const id = ++navigation;
	controller?.abort();
	controller = new AbortController();
	const slow = setTimeout(() => document.documentElement.classList.add("navigating"), SLOW_MS);
	const main = document.getElementById("main");
	main?.setAttribute("aria-busy", "true");
	let response;
	try {
		response = await fetch(url, {
			method: options.method || "GET",
			body: options.body,
			headers: { Accept: "text/html", [HEADER]: "1" },
			credentials: "same-origin",
			signal: controller.signal,
		});
	} catch (error) {
		// Never reached the server: let the browser try in its own way.
		if (error.name !== "AbortError") {
			console.warn("Cascade: falling back to a full page load", error);
			options.fallback();
		}
		clearTimeout(slow);
		finish(id);
		return;
	}
	try {
		const type = response.headers.get("Content-Type") || "";
		if (!type.includes("text/html")) {
			if ((options.method || "GET") === "GET") {
				options.fallback();
			} else {
				// The server has the form already: sending it again could do it twice. Show
				// what it said instead.
				showPlainAnswer(await response.text());
			}
			return;
		}
		const html = await response.text();
		if (id !== navigation) return; // a later navigation won
		const page = new DOMParser().parseFromString(html, "text/html");
		// A form answered without a redirect is its own page again, with messages: it keeps the
		// page's address (where it was posted to may have no page of its own to come back to).
		const answeredInPlace = options.method === "POST" && !response.redirected;
		const finalUrl = new URL(answeredInPlace ? location.href : response.url || url);
		finalUrl.hash = answeredInPlace ? "" : new URL(url, location.href).hash;
		// A page from a newer build of the site (deployed since this one was loaded) comes with
		// its own scripts and styles: load it whole. Not a form's answer, which would be sent again.
		if (!answeredInPlace && buildOf(page) && buildOf(page) !== buildOf(document)) {
			location.assign(finalUrl.href);
			return;
		}
		record(finalUrl.href, options);
		show(page);
		shownAddress = withoutHash(finalUrl.href);
		settle(finalUrl, options.scrollY);
	} catch (error) {
		if (error.name !== "AbortError") console.error("Cascade: could not show the page", error);
	} finally {
		clearTimeout(slow);
		finish(id);
	}
}

function finish(id) {
	if (id !== navigation) return;
	document.documentElement.classList.remove("navigating");
	document.getElementById("main")?.removeAttribute("aria-busy");
}

// A plain-text answer to a form (a refusal, an error): shown in place of the page's content.
function showPlainAnswer(text) {
	const main = document.getElementById("main");
	if (!main) return;
	const notice = document.createElement("div");
	notice.className = "container notice notice-problem";
	notice.setAttribute("role", "alert");
	const message = document.createElement("p");
	message.textContent = text.trim() || "Something went wrong. Please try again.";
	notice.append(message);
	main.replaceChildren(notice);
}

// Puts the new address in the history: a new entry, or the same one replaced when the address
// did not change (a form answered with errors).
function record(href, options) {
	if (options.history === "none") return;
	history.replaceState({ ...history.state, cascade: true, scrollY: window.scrollY }, "");
	const state = { cascade: true, scrollY: 0 };
	if (withoutHash(href) === withoutHash(location.href)) {
		history.replaceState(state, "", href);
	} else {
		history.pushState(state, "", href);
	}
}

// Shows the new page, and hydrates its islands: at once when the WASM is loaded, else once it is.
function show(page) {
	document.title = page.title;
	document.body.replaceWith(document.adoptNode(page.body));
	if (!document.body.querySelector("leptos-island")) return;
	if (typeof window.__hydrateIsland === "function") {
		hydrateIslands(document.body);
	} else if (!leptosLoader) {
		loadIslands().then(() => hydrateIslands(document.body));
	}
	// Else Leptos's own loader, still on its way, hydrates the body on screen when it is done.
}

// Whether this document began on a page with an island, so with Leptos's own loader.
const leptosLoader = document.querySelector('link[rel="modulepreload"][href$="/cascade.js"]') !== null;

// A page reached from one without islands has not loaded the WASM: load it as Leptos's own
// loader does (the page's inline loader is inert once swapped in).
let islandsLoaded = null;
function loadIslands() {
	if (typeof window.__hydrateIsland === "function") return Promise.resolve();
	// Beside this script, in the build's own folder (its name is the build's hash).
	islandsLoaded ??= import(new URL("cascade.js", import.meta.url)).then(async (module) => {
		await module.default({ module_or_path: new URL("cascade_bg.wasm", import.meta.url) });
		module.hydrate();
		window.__hydrateIsland ??= (element, id) => module[id]?.(element);
	});
	return islandsLoaded;
}

function hydrateIslands(root) {
	if (typeof window.__hydrateIsland !== "function") return;
	for (const island of root.querySelectorAll("leptos-island")) {
		if (island.$$hydrated) continue;
		island.$$hydrated = true;
		window.__hydrateIsland(island, island.dataset.component);
	}
}

// After a whole-page change: scroll, then move focus to where a screen reader should start
// reading: the fragment's element, or the new page's main heading.
function settle(url, scrollY) {
	const fragment = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
	if (fragment) {
		fragment.scrollIntoView();
		focusWithoutScrolling(fragment);
		return;
	}
	window.scrollTo(0, scrollY || 0);
	const chosen = document.querySelector("[data-nav-focus]");
	if (chosen) {
		chosen.scrollIntoView({ block: "center" });
		focusWithoutScrolling(chosen);
		return;
	}
	const heading = document.getElementById("main-heading") || document.querySelector("main h1");
	focusWithoutScrolling(heading || document.getElementById("main"));
}

function focusWithoutScrolling(element) {
	if (!element) return;
	if (!element.hasAttribute("tabindex") && !element.matches("a, button, input, select, textarea")) {
		element.setAttribute("tabindex", "-1");
	}
	element.focus({ preventScroll: true });
}

// The build a document's scripts come from: the folder of its navigation.js (named by hash).
function buildOf(doc) {
	return doc.querySelector('script[src$="/navigation.js"]')?.getAttribute("src") ?? null;
}

function withoutHash(href) {
	const url = new URL(href, location.href);
	url.hash = "";
	return url.href;
}
