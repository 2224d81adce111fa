import { describe, expect, it } from 'vitest';
import { devicePinProblem } from '../src/device-pin.js';

describe('the device PIN', () => {
  it.each([
    ['', 'FORMAT'],
    ['12345', 'FORMAT'],
    ['1234567', 'FORMAT'],
    ['12a456', 'FORMAT'],
    [' 13579', 'FORMAT'],
    ['１３５７９２', 'FORMAT'],
    ['000000', 'SAME_DIGITS'],
    ['777777', 'SAME_DIGITS'],
    ['123456', 'SEQUENCE'],
    ['456789', 'SEQUENCE'],
    ['654321', 'SEQUENCE'],
    ['987654', 'SEQUENCE'],
  ])('refuses %j (%s)', (pin, problem) => {
    expect(devicePinProblem(pin)).toBe(problem);
  });

  it.each(['135792', '246810', '123457', '000001', '890123', '112233', '975310'])('accepts %j', (pin) => {
    expect(devicePinProblem(pin)).toBeNull();
  });
});
