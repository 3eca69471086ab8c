/** What the badge says for a total: nothing for 0, then 1 to 99, then "99+". */
export function badgeText(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 99 ? '99+' : String(Math.floor(total));
}
