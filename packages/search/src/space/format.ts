/**
 * Formats a number for messages and `toString()`: short, exact enough to recognise, and in
 * exponent form for the tiny and huge values typical of learning rates and weight decays.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
    const [mantissa, exponent] = value.toExponential(4).split('e');
    return `${trimZeros(mantissa!)}e${exponent}`;
  }
  return trimZeros(value.toPrecision(6));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
