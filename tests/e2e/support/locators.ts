import type { Locator, Page } from 'playwright-core';

/**
 * The studio's landmarks as a person finds them: the main view, a screen's button in the sidebar's "Screens"
 * navigation, and a button in the main view (exact when named by a string). `page` is a getter because the
 * suites open their page in beforeAll, after these are made.
 */
export function studioLocators(page: () => Page): {
  main: () => Locator;
  nav: (name: string) => Locator;
  button: (name: string | RegExp) => Locator;
} {
  const main = () => page().getByRole('main');
  return {
    main,
    nav: (name) => page().getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }),
    button: (name) => main().getByRole('button', { name, exact: typeof name === 'string' }),
  };
}
