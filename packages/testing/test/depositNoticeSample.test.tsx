// The README's complete example test, run as it is printed (jsdom).
import '../samples/depositNotice.sample';
