import { createApp } from 'vue';
import 'parley-chat/parley-chat';
import App from './App.vue';

createApp(App).mount('#app');
