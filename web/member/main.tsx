import 'weui/dist/style/weui.css';
import { render } from 'preact';

function App() {
  return (
    <main class="page">
      <h1 class="weui-cells__title">健康社群</h1>
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
