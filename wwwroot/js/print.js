// Print the current page (the print stylesheet hides navigation and controls).
export function printPage() {
    window.print();
}
