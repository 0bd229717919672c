/** Text for HTML that is inserted as markup (RSS content, Starlight's hero tagline): every special character as a character reference. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
