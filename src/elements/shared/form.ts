import {html} from 'lit';

/** The trimmed value of a named input of the form that fired `e` (a submit event). */
export const formValue = (e: Event, name: string) =>
  String(new FormData(e.target as HTMLFormElement).get(name) ?? '').trim();

/** A labelled, required input with the kit's parts. */
export const field = (label: string, name: string, type: string, autocomplete: string, value = '', extra = '') =>
  html`<label part="label">${label}<input part="input" name=${name} type=${type} autocomplete=${autocomplete} inputmode=${extra || 'text'} .value=${value} required></label>`;
