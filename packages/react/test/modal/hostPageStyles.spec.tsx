/// <reference types="vite/client" />
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import rebootCss from 'bootstrap/dist/css/bootstrap-reboot.css?raw';
import { compile } from 'tailwindcss';
import preflightSource from 'tailwindcss/preflight.css?raw';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import preview from '../../../../.storybook/preview';
import * as stateStories from '../../src/modal/DepositQRView.stories';
import { DepositQRView, type DepositQRViewProps } from '../../src/modal/DepositQRView';
import { resolveMessages } from '../../src/modal/messages';
import { pendingDeposit } from './depositFixture';

setProjectAnnotations(preview);
const stories = composeStories(stateStories);
const ONE_PER_STATE = [
  stories.ConnectingViLight,
  stories.WaitingEnDark,
  stories.ReconnectingViDark,
  stories.CheckingEnLight,
  stories.SuccessViLight,
  stories.DeclinedEnDark,
  stories.CancelledViDark,
  stories.ExpiredEnLight,
  stories.FailedViDark,
];

/** What a host page's own global CSS does to every element it names, as loudly as it can. */
const HOSTILE_ELEMENT_RULES = `
html { font-size: 10px; color-scheme: dark; }
body {
  font: italic 700 22px/3 Georgia, serif; color: #00ff00; background: #222;
  letter-spacing: 2px; word-spacing: 6px; text-transform: uppercase; text-align: right;
  text-indent: 3em; text-shadow: 1px 1px red; white-space: pre; cursor: crosshair;
}
div {
  display: grid; box-sizing: content-box; width: 50px; min-height: 40px; margin: 7px;
  padding: 9px; border: 3px dashed #ff00ff; border-radius: 0; background: #ffff00;
  color: #0000ff; font-size: 30px; line-height: 5; text-align: center; opacity: 0.9;
}
button {
  display: block; appearance: none; box-sizing: content-box; width: 100%; height: 80px;
  min-width: 300px; margin: 10px; padding: 20px; border: 4px solid #000; border-radius: 0;
  background: #ff00ff; color: #fff; font: 700 24px/2 monospace; text-decoration: underline;
  text-transform: uppercase; box-shadow: 0 0 0 5px red; outline: 2px solid orange;
}
a {
  display: block; padding: 12px; border: 2px solid; background: #00ffff; color: #ff0000;
  font-weight: 100; text-decoration: underline wavy; font-family: fantasy;
}
h2 {
  display: inline; margin: 30px; padding: 4px; font: 200 40px/1 cursive; color: #ff0000;
  letter-spacing: 1em; text-align: center; border-bottom: 6px double;
}
p {
  margin: 40px 0; padding: 5px; max-width: 10ch; font-size: 8px; line-height: 4;
  color: #ff0000; border-left: 5px solid; background: #eee;
}
span { display: block; padding: 3px; font-size: 40px; color: #123456; border: 1px solid; }
svg {
  display: inline; width: 20px; height: 20px; margin: 3px; padding: 2px; border: 2px solid;
  fill: #ff0000; stroke: #00ff00; stroke-width: 4; background: #ff0000; vertical-align: top;
}
body div { margin-left: 13px; }
html body button { padding-left: 33px; }
`;

let hostSheets: HTMLStyleElement[] = [];
/** A button of the host page's own, outside the modal. */
let probe: HTMLButtonElement;

function addStyle(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  return style;
}

function hostCss(on: boolean): void {
  for (const sheet of hostSheets) sheet.disabled = !on;
}

/** Tailwind's preflight as Tailwind 4 itself emits it (its `--theme()` defaults resolved). */
async function tailwindPreflight(): Promise<string> {
  const compiler = await compile('@import "tailwindcss/preflight.css";', {
    base: '/',
    loadStylesheet: async (id, base) => ({ content: preflightSource, base, path: id }),
  });
  return compiler.build([]);
}

beforeAll(async () => {
  hostSheets = [
    addStyle(await tailwindPreflight()),
    addStyle(rebootCss),
    addStyle(HOSTILE_ELEMENT_RULES),
  ];
  hostCss(false);
  probe = document.createElement('button');
  probe.textContent = 'Host button';
  document.body.appendChild(probe);
});
afterAll(() => {
  for (const sheet of hostSheets) sheet.remove();
  probe.remove();
});
afterEach(cleanup);

/** Every computed longhand, keyed by the element's place in the dialog. */
function computedStyles(): Map<string, Record<string, string>> {
  const dialog = screen.getByRole('dialog');
  const overlay = document.querySelector('.ps-qr-overlay');
  const elements: [string, Element][] = [['dialog', dialog]];
  if (overlay) elements.push(['overlay', overlay]);
  dialog.querySelectorAll('*').forEach((element, index) => {
    const className = element.getAttribute('class');
    const label = `${index} <${element.localName}${className ? ` class="${className}"` : ''}>`;
    elements.push([label, element]);
  });
  const result = new Map<string, Record<string, string>>();
  for (const [label, element] of elements) {
    const style = getComputedStyle(element);
    const values: Record<string, string> = {};
    for (const property of Array.from(style)) {
      // Custom properties: the host's own (--bs-*, Tailwind's) are not styles of the modal.
      if (!property.startsWith('--')) values[property] = style.getPropertyValue(property);
    }
    result.set(label, values);
  }
  return result;
}

/** `element: property bare -> hosted` for every computed value the host page changed. */
function differences(
  bare: Map<string, Record<string, string>>,
  hosted: Map<string, Record<string, string>>,
): string[] {
  expect([...hosted.keys()]).toEqual([...bare.keys()]);
  const lines: string[] = [];
  for (const [label, values] of bare) {
    const other = hosted.get(label) ?? {};
    for (const [property, value] of Object.entries(values)) {
      if (other[property] !== value)
        lines.push(`${label}: ${property} ${value} -> ${other[property]}`);
    }
  }
  return lines;
}

/** The first differences the host page makes (enough to see what leaks in, short to read). */
function compareWithHostCss(): string[] {
  hostCss(false);
  const bare = computedStyles();
  const probeBare = getComputedStyle(probe).backgroundColor;
  hostCss(true);
  const hosted = computedStyles();
  // The host page is really there: a button of its own is restyled.
  expect(getComputedStyle(probe).backgroundColor).not.toBe(probeBare);
  expect(getComputedStyle(probe).backgroundColor).toBe('rgb(255, 0, 255)');
  hostCss(false);
  return differences(bare, hosted).slice(0, 40);
}

const VIEWPORTS = [
  { name: 'desktop', width: 1024, height: 900 },
  { name: 'phone', width: 375, height: 812 },
] as const;

describe.each(VIEWPORTS)(
  'a host page with Tailwind preflight, Bootstrap reboot and element rules ($name)',
  (viewport) => {
    beforeAll(async () => {
      await page.viewport(viewport.width, viewport.height);
    });

    const checked = viewport.name === 'desktop' ? Object.values(stories) : ONE_PER_STATE;
    for (const Story of checked) {
      test(`changes no computed style of ${Story.storyName ?? 'story'}`, async () => {
        render(<Story />);
        await screen.findByRole('dialog');
        expect(compareWithHostCss()).toEqual([]);
      });
    }

    test('changes no computed style of the cancel confirmation', async () => {
      render(<stories.WaitingViLight />);
      await userEvent.click(await screen.findByRole('button', { name: 'Huỷ giao dịch' }));
      await screen.findByRole('button', { name: 'Có, huỷ giao dịch' });
      expect(compareWithHostCss()).toEqual([]);
    });
  },
);

function renderWaiting(props: Partial<DepositQRViewProps> = {}) {
  render(
    <DepositQRView
      open
      onOpenChange={() => {}}
      phase="waiting"
      connection="live"
      deposit={pendingDeposit()}
      remainingMs={600_000}
      theme="light"
      messages={resolveMessages('en')}
      onCancel={() => {}}
      {...props}
    />,
  );
  return screen.getByRole('dialog');
}

describe('the host still themes the modal with classes and custom properties', () => {
  let themeSheet: HTMLStyleElement | null = null;
  beforeAll(async () => {
    await page.viewport(1024, 900);
    hostCss(true);
  });
  afterEach(() => themeSheet?.remove());
  afterAll(() => hostCss(false));

  const copyButton = () => screen.getByRole('button', { name: 'Copy payment link' });

  test('a class given through classNames wins over the modal’s own rule', () => {
    themeSheet = addStyle('.host-button { background-color: rgb(1, 2, 3); border-radius: 2px; }');
    renderWaiting({ classNames: { button: 'host-button' } });
    expect(getComputedStyle(copyButton()).backgroundColor).toBe('rgb(1, 2, 3)');
    expect(getComputedStyle(copyButton()).borderTopLeftRadius).toBe('2px');
  });

  test('a rule under the dialog’s className wins over the modal’s own rule', () => {
    themeSheet = addStyle('.my-app .ps-qr__button { color: rgb(4, 5, 6); font-weight: 400; }');
    renderWaiting({ className: 'my-app' });
    expect(getComputedStyle(copyButton()).color).toBe('rgb(4, 5, 6)');
    expect(getComputedStyle(copyButton()).fontWeight).toBe('400');
  });

  test('a custom property recolours the accent, the dialog and the focus ring', async () => {
    themeSheet = addStyle(
      '.ps-qr { --ps-qr-accent: rgb(0, 90, 200); --ps-qr-bg: rgb(250, 240, 230); --ps-qr-focus: rgb(7, 8, 9); }',
    );
    const dialog = renderWaiting();
    expect(getComputedStyle(dialog).backgroundColor).toBe('rgb(250, 240, 230)');
    expect(getComputedStyle(dialog.querySelector('.ps-qr__bar')!).backgroundColor).toBe(
      'rgb(0, 90, 200)',
    );
    await userEvent.keyboard('{Tab}');
    expect(getComputedStyle(document.activeElement!).outlineColor).toBe('rgb(7, 8, 9)');
  });

  test('without a host rule the modal keeps its own look in the hostile page', () => {
    const dialog = renderWaiting();
    expect(getComputedStyle(dialog).backgroundColor).toBe('rgb(255, 255, 255)');
    expect(getComputedStyle(copyButton()).backgroundColor).toBe('rgb(255, 255, 255)');
    expect(getComputedStyle(copyButton()).color).toBe('rgb(29, 29, 31)');
  });
});
