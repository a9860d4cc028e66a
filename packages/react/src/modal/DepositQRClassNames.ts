/** Class names added to each part, for apps that style with their own classes. */
export interface DepositQRClassNames {
  overlay?: string;
  content?: string;
  title?: string;
  description?: string;
  closeButton?: string;
  amount?: string;
  status?: string;
  qr?: string;
  timer?: string;
  progress?: string;
  actions?: string;
  button?: string;
  result?: string;
  hint?: string;
}
