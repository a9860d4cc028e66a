const vnd = new Intl.NumberFormat('vi-VN', {
  style: 'currency',
  currency: 'VND',
  maximumFractionDigits: 0,
});

/**
 * An integer VND amount as Vietnamese users read it, `100.000 ₫`, whatever the UI
 * language: the amount is money in Vietnam, so its notation stays Vietnamese.
 */
export function formatVnd(amount: number): string {
  return vnd.format(amount);
}
