import { describe, expect, it } from 'vitest';
import {
  buildMomoIpnRawSignature,
  parseMomoIpn,
  signMomoIpn,
  verifyMomoIpnSignature,
  type MomoIpnSignedValues,
} from '../src/index';

// MoMo's published sandbox keys; the expected signature was computed with
// `printf '%s' "$RAW" | openssl dgst -sha256 -hmac "$SECRET"`, independently of this code.
const keys = { accessKey: 'F8BBA842ECF85', secretKey: 'K951B6PE1waDMi640xX08PD3vg6EkVlz' };
const values: MomoIpnSignedValues = {
  partnerCode: 'MOMO',
  orderId: 'MOMO1795700000000abc',
  requestId: 'req-1',
  amount: 100000,
  orderInfo: 'Nạp 100.000 ₫ vào ví',
  orderType: 'momo_wallet',
  transId: 4088878653,
  resultCode: 0,
  message: 'Giao dịch thành công.',
  payType: 'qr',
  responseTime: 1795700000123,
  extraData: '',
};
const RAW =
  'accessKey=F8BBA842ECF85&amount=100000&extraData=&message=Giao dịch thành công.&orderId=MOMO1795700000000abc' +
  '&orderInfo=Nạp 100.000 ₫ vào ví&orderType=momo_wallet&partnerCode=MOMO&payType=qr&requestId=req-1' +
  '&responseTime=1795700000123&resultCode=0&transId=4088878653';
const EXPECTED = 'd2c6c08a12728adfccceaef70747ad742a951d8a638150599dbb23eacf3d09fe';

describe('MoMo IPN signature', () => {
  it('builds the raw string with keys a-z, raw values and the configured accessKey', () => {
    expect(buildMomoIpnRawSignature(values, keys.accessKey)).toBe(RAW);
  });

  it('signs as lowercase hex HMAC-SHA256 over UTF-8 (Vietnamese text included)', () => {
    expect(signMomoIpn(values, keys)).toBe(EXPECTED);
  });

  it('verifies only the exact 64 lowercase hex characters', () => {
    expect(verifyMomoIpnSignature(values, EXPECTED, keys)).toBe(true);
    for (const bad of [
      undefined,
      null,
      42,
      '',
      EXPECTED.toUpperCase(),
      EXPECTED.slice(1),
      `${EXPECTED}0`,
      `${EXPECTED.slice(0, 63)}z`,
    ]) {
      expect(verifyMomoIpnSignature(values, bad, keys)).toBe(false);
    }
    expect(
      verifyMomoIpnSignature({ ...values, message: 'Giao dich thanh cong.' }, EXPECTED, keys),
    ).toBe(false);
    expect(verifyMomoIpnSignature(values, EXPECTED, { ...keys, accessKey: 'other' })).toBe(false);
    expect(verifyMomoIpnSignature(values, EXPECTED, { ...keys, secretKey: 'other' })).toBe(false);
  });
});

describe('parseMomoIpn', () => {
  const body = { ...values, signature: EXPECTED };

  it('accepts a complete IPN', () => {
    expect(parseMomoIpn(body)).toEqual({ ok: true, ipn: body });
  });

  it('names the field that is missing or of the wrong type', () => {
    const { orderId: _omitted, ...missing } = body;
    expect(parseMomoIpn(missing)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^orderId/),
    });
    expect(parseMomoIpn({ ...body, amount: '100000' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^amount/),
    });
    expect(parseMomoIpn({ ...body, amount: 2 ** 53 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/safe integer/),
    });
    expect(parseMomoIpn(null)).toMatchObject({ ok: false });
  });
});
