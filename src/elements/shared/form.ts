import {html} from 'lit';

/** The trimmed value of a named input of the form that fired `e` (a submit event). */
export const formValue = (e: Event, name: string) =>
  String(new FormData(e.target as HTMLFormElement).get(name) ?? '').trim();

/**
 * A labelled text input with the kit's parts. `value` is its initial value (an attribute binding:
 * what the user types, also before hydration, is never overwritten); forms read their inputs
 * when submitted. No `type` binding: setting an input's type after it is created rebuilds its
 * inner widget, which costs a first render about a millisecond; another type is written out.
 * `invalid`: the error shown concerns this field (`aria-invalid`); the error part describes it
 * (`aria-describedby`, empty while there is none).
 */
export const field = (
  label: string,
  name: string,
  autocomplete: string,
  value = '',
  required = true,
  mode = 'text',
  invalid = false,
) => html`
  <label part="label">
    ${label}
    <input
      part="input"
      name=${name}
      autocomplete=${autocomplete}
      inputmode=${mode}
      value=${value}
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby="error"
    />
  </label>
`;
