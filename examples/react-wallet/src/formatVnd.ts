const formatter = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

/** `100000` -> `100.000 ₫`. */
export function formatVnd(amount: number): string {
  return formatter.format(amount);
}
