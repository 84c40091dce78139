import { SyftError } from '@syft-ts/core';

/** A web asset build that failed: the bundler's first error, or a missing input file. */
export class WebBuildError extends SyftError {
  /** @param message - what failed, naming the entry or file */
  constructor(message: string, options?: { cause?: unknown }) {
    super('WEB_BUILD_FAILED', message, options);
  }
}

/** A page setting from the query string that is missing or malformed. */
export class PageSettingError extends SyftError {
  /** @param message - names the query parameter, what was expected and what arrived */
  constructor(message: string) {
    super('WEB_PAGE_SETTING', message);
  }
}

/** A reply from the grid that the page cannot use (bad status or unexpected shape). */
export class GridReadError extends SyftError {
  /** @param message - names the endpoint and what was wrong */
  constructor(message: string) {
    super('WEB_GRID_READ', message);
  }
}

/** The page's HTML lacks an element its script needs (a build or markup mistake). */
export class PageMarkupError extends SyftError {
  /** @param id - the id of the missing element */
  constructor(id: string) {
    super('WEB_PAGE_MARKUP', `the page has no element #${id}; rebuild the web assets`);
  }
}
