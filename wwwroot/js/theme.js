// Dark mode, remembered per browser in a cookie, so the server renders the first frame in the chosen mode
// (ThemePreference.cs). Falls back to the system preference until the user chooses.
const key = "ainews-theme";
const maxAge = 400 * 24 * 60 * 60; // the longest Chromium keeps a cookie

function stored() {
    const cookie = document.cookie.split("; ").find(c => c.startsWith(key + "="));
    if (cookie) return cookie.substring(key.length + 1);
    // A choice from before it moved to the cookie: carry it over once.
    const old = localStorage.getItem(key);
    if (old === "dark" || old === "light") {
        write(old);
        localStorage.removeItem(key);
        return old;
    }
    return null;
}

function write(value) {
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${key}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`;
}

// The mode to show, marked on <html> as well (app.css gives it the matching colour scheme for scrollbars and controls).
export function isDark() {
    const value = stored();
    const dark = value ? value === "dark" : !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
    mark(dark);
    return dark;
}

export function remember(dark) {
    write(dark ? "dark" : "light");
    mark(dark);
}

// The server marks <html> for the first frame; this keeps the mark true to the mode shown.
function mark(dark) {
    if (dark) document.documentElement.dataset.theme = "dark";
    else delete document.documentElement.dataset.theme;
}
