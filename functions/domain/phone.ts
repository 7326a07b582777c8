/**
 * Masks a phone number for display: the `+` and country prefix (two digits) and the last two digits
 * stay, the rest become `*`, e.g. `+48123456789` → `+48*******89`.
 */
export const maskPhoneNumber = (phoneNumber: string): string => {
  if (phoneNumber.length <= 5) return '*'.repeat(phoneNumber.length);
  return `${phoneNumber.slice(0, 3)}${'*'.repeat(phoneNumber.length - 5)}${phoneNumber.slice(-2)}`;
};
