// The first-render baseline: a bare Lit element that renders what <passkey-login> renders
// (a form with a label, an input, a button and a status line, with a small stylesheet), and
// nothing else: no WebAuthn library, no localization, no controllers, no support detection.
import {LitElement, css, html} from 'lit';

class BareLitElement extends LitElement {
  static override properties = {username: {}};
  static override styles = css`
    :host {
      display: block;
      font: inherit;
    }
    form {
      display: grid;
      gap: 0.5rem;
    }
    input,
    button {
      font: inherit;
      padding: 0.5rem;
      border-radius: 0.25rem;
    }
    button {
      cursor: pointer;
    }
  `;
  username = '';

  override render() {
    return html`<form part="form" @submit=${(e: Event) => e.preventDefault()}>
        <label part="label"
          >Username<input
            part="input"
            name="username"
            autocomplete="username webauthn"
            .value=${this.username}
            @input=${(e: Event) => (this.username = (e.target as HTMLInputElement).value)} /></label
        ><button part="button">Sign in with a passkey</button>
      </form>
      <p part="status" role="status"></p>`;
  }
}

customElements.define('bare-lit-element', BareLitElement);
