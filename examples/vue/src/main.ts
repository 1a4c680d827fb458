import {createApp} from 'vue';
import 'passkey-elements/define.js';
import App from './App.vue';

createApp(App).mount('#app');
