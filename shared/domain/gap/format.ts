const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Whole, non-negative CNY as a Chinese reader expects it: 200万元, 1.25万元, 3,600元. */
export function formatCny(amount: number): string {
  if (amount >= 10_000 && amount % 100 === 0) {
    const [whole = '0', fraction = ''] = (amount / 10_000).toFixed(2).split('.');
    const decimals = fraction.replace(/0+$/, '');
    return `${group(whole)}${decimals ? `.${decimals}` : ''}万元`;
  }
  return `${group(String(amount))}元`;
}
