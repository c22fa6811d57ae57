// Whether a field holds input the browser can't give as a value: a date missing its day, "1e" in a number field. The
// value reads "" then, the same as a field that was emptied, so the filter bar asks before it clears a filter.
export function badInput(element) {
    return !!element?.validity?.badInput;
}
