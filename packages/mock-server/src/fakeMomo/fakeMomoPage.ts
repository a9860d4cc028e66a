import type { FakeMomoPayment } from './FakeMomoStore';

/** `100000` -> `100.000 ₫`, the way a Vietnamese wallet app shows it. */
export function formatVnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} ₫`;
}

const STATUS_TEXT: Record<number, string> = {
  0: 'Giao dịch đã được thanh toán',
  1006: 'Giao dịch đã bị huỷ',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f4f4f6; color: #222; }
  header { background: #a50064; color: #fff; padding: 16px; text-align: center; font-weight: 600; letter-spacing: .02em; }
  main { max-width: 420px; margin: 16px auto; padding: 0 16px; }
  .card { background: #fff; border-radius: 16px; padding: 20px; box-shadow: 0 2px 8px rgba(0,0,0,.06); }
  .label { color: #777; font-size: 14px; }
  .amount { font-size: 32px; font-weight: 700; color: #a50064; margin: 6px 0 16px; white-space: nowrap; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 8px 12px; font-size: 14px; margin: 0; }
  dt { color: #777; } dd { margin: 0; text-align: right; word-break: break-all; }
  form { display: flex; gap: 12px; margin-top: 20px; }
  button { flex: 1; font-size: 16px; padding: 14px; border-radius: 12px; border: 0; cursor: pointer; font-weight: 600; }
  button[value=pay] { background: #a50064; color: #fff; }
  button[value=decline] { background: #eee; color: #333; }
  .result { text-align: center; font-size: 18px; font-weight: 600; }
  .note { color: #777; font-size: 13px; text-align: center; margin-top: 16px; }
  .back { display: block; text-align: center; margin-top: 16px; color: #a50064; font-weight: 600; }
</style>
</head>
<body>
<header>MoMo (giả lập)</header>
<main>${body}</main>
</body>
</html>`;
}

/** The confirm screen of the fake MoMo app for one payment, from MoMo's own record of it. */
export function renderPayPage(payment: FakeMomoPayment, merchant: string): string {
  const details = `
    <div class="label">Số tiền thanh toán</div>
    <div class="amount" data-testid="amount">${escapeHtml(formatVnd(payment.amount))}</div>
    <dl>
      <dt>Nhà cung cấp</dt><dd>${escapeHtml(merchant)}</dd>
      <dt>Mã đơn hàng</dt><dd>${escapeHtml(payment.orderId)}</dd>
      <dt>Nội dung</dt><dd>${escapeHtml(payment.orderInfo)}</dd>
    </dl>`;
  const actions =
    payment.resultCode === 1000
      ? `<form method="post">
      <button type="submit" name="action" value="decline">Từ chối</button>
      <button type="submit" name="action" value="pay">Thanh toán</button>
    </form>`
      : `<p class="result" data-testid="status">${escapeHtml(STATUS_TEXT[payment.resultCode] ?? `Mã kết quả ${payment.resultCode}`)}</p>`;
  return layout(
    'Xác nhận thanh toán',
    `<div class="card">${details}${actions}</div>
  <p class="note">Trang thử nghiệm: không có tiền thật nào được chuyển.</p>`,
  );
}

/** What the fake MoMo app shows after Pay or Decline, with MoMo's way back to the merchant. */
export function renderResultPage(title: string, detail: string, returnUrl?: string): string {
  const back = returnUrl
    ? `<a class="back" href="${escapeHtml(returnUrl)}">Quay về cửa hàng</a>`
    : '';
  return layout(
    title,
    `<div class="card"><p class="result" data-testid="result">${escapeHtml(title)}</p>
  <p class="note">${escapeHtml(detail)}</p>${back}</div>`,
  );
}
