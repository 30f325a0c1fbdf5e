// Today's date in China: the core computes it (the bulletin's date needs it too).
export { todayInChina } from '../core/today';
